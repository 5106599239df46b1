// Rung 4 of the CPU ladder, "packed": what the op files need to call it (see matmul_packed.cpp).
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace mylinearops {
namespace packed {
// Which micro-kernel: the best this CPU has, or one instruction set (for tests and benchmarks).
enum class Isa { kBest, kAvx512, kAvx2 };
}  // namespace packed

// True when this CPU can run the packed kernel with that instruction set (AVX-512F, or AVX2+FMA).
bool packed_supported(packed::Isa isa = packed::Isa::kBest);

// "avx512", "avx2" or "none": the instruction set kBest uses on this CPU.
const char* packed_isa();

// [MR, NR, KC, MC, L3 budget in bytes]: the register tile and cache blocks "packed" uses for
// `dtype` on this CPU (see matmul_packed.cpp for how they are chosen).
std::vector<int64_t> packed_blocking(at::ScalarType dtype);

// One thread's float32 GFLOP/s in the full register tile alone, `calls` times over one A panel
// and one B panel of kc values (L1-resident at the KC of packed_blocking): the micro-kernel's
// ceiling, to hold against the core's peak.
double packed_micro_kernel_gflops(packed::Isa isa, int64_t kc, int64_t calls);

// Seconds one thread takes to pack all of A and all of B (float32), as the packed kernel would:
// [A, B]. Set against the whole product's time, it is the share that packing costs.
std::vector<double> packed_pack_seconds(const at::Tensor& a, const at::Tensor& b, packed::Isa isa);

// The kernel table's entry (kernels.h): C = A @ B for row-major A (M, K), B (K, N), C (M, N),
// M, K, N >= 1, on the best instruction set this CPU has (a RuntimeError if it has none).
template <typename T>
void matmul_packed(const T* A, const T* B, T* C, int64_t M, int64_t K, int64_t N);

// A @ B (+ bias) for float32/float64 CPU tensors with any strides (transposed views are read in
// place, not copied), bias (N,) added as C is written; returns a new contiguous (M, N) tensor.
at::Tensor matmul_packed_strided(const at::Tensor& a, const at::Tensor& b,
                         const std::optional<at::Tensor>& bias = std::nullopt,
                         packed::Isa isa = packed::Isa::kBest);

}  // namespace mylinearops
