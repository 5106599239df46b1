// The utility macros of the classic pybind11 route, as most extension tutorials write them.
#pragma once

#include <c10/util/Exception.h>

// A failing check throws c10::Error, which pybind11 turns into a Python RuntimeError.
#define CHECK_CUDA(x) TORCH_CHECK((x).is_cuda(), #x " must be a CUDA tensor, got ", (x).device())
#define CHECK_CONTIGUOUS(x) \
  TORCH_CHECK((x).is_contiguous(), #x " must be contiguous, got strides ", (x).strides())
// Both, for a tensor a CUDA kernel will read through a raw row-major pointer.
#define CHECK_INPUT(x) \
  do {                   \
    CHECK_CUDA(x);       \
    CHECK_CONTIGUOUS(x); \
  } while (0)

// Blocks needed to cover n items with `per_block` items each: the ceiling of n / per_block.
#define DIV_CEIL(n, per_block) (((n) + (per_block) - 1) / (per_block))
