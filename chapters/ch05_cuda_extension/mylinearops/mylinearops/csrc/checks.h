// Input checks shared by the CPU and CUDA implementations: every message names the problem.
#pragma once

#include <ATen/ATen.h>
#include <c10/util/Exception.h>

namespace mylinearops {
// An unnamed namespace: each source file (g++ and nvcc) gets its own private copy
// ([[maybe_unused]]: a file may use only some of them).
namespace {

// Checks that A (M, K) and B (K, N) can be multiplied by our kernels on `device_type`.
[[maybe_unused]] void check_matmul_inputs(const char* op, const at::Tensor& a, const char* a_name,
                         const at::Tensor& b, const char* b_name,
                         c10::DeviceType device_type) {
  TORCH_CHECK(a.dim() == 2, op, ": ", a_name, " must be 2-D (a matrix), got a ", a.dim(),
              "-D tensor of shape ", a.sizes());
  TORCH_CHECK(b.dim() == 2, op, ": ", b_name, " must be 2-D (a matrix), got a ", b.dim(),
              "-D tensor of shape ", b.sizes());
  TORCH_CHECK(a.scalar_type() == at::kFloat || a.scalar_type() == at::kDouble, op, ": ", a_name,
              " must be float32 or float64, got ", a.scalar_type());
  TORCH_CHECK(a.scalar_type() == b.scalar_type(), op, ": ", a_name, " and ", b_name,
              " must have the same dtype, got ", a.scalar_type(), " and ", b.scalar_type());
  TORCH_CHECK(a.device().type() == device_type && b.device().type() == device_type, op, ": ",
              a_name, " and ", b_name, " must both be on the same device, got ", a.device(),
              " and ", b.device());
  TORCH_CHECK(a.device() == b.device(), op, ": ", a_name, " and ", b_name,
              " must be on the same device, got ", a.device(), " and ", b.device());
  TORCH_CHECK(a.size(1) == b.size(0), op, ": inner dimensions differ: ", a_name, " is ",
              a.sizes(), " and ", b_name, " is ", b.sizes(), " (", a_name,
              ".shape[1] must equal ", b_name, ".shape[0])");
}

// Checks the optional bias of linearop: 1-D, one value per output column, same dtype/device.
// `x` is linearop's input: the output is on its device.
[[maybe_unused]] void check_bias(const at::Tensor& x, const at::Tensor& w, const at::Tensor& bias) {
  TORCH_CHECK(bias.dim() == 1, "linearop: b must be 1-D of shape (out,), got shape ",
              bias.sizes());
  TORCH_CHECK(bias.size(0) == w.size(1), "linearop: b has ", bias.size(0),
              " values but W has ", w.size(1), " output columns (W is ", w.sizes(), ")");
  TORCH_CHECK(bias.scalar_type() == w.scalar_type(), "linearop: b must have W's dtype ",
              w.scalar_type(), ", got ", bias.scalar_type());
  TORCH_CHECK(bias.device() == x.device(), "linearop: b must be on ", x.device(),
              ", got ", bias.device());
}

}  // namespace
}  // namespace mylinearops
