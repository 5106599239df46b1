// CPU kernels for C = A @ B, a ladder from the textbook loop to a packed, register-blocked one.
//
//   naive    for i, for j: C[i][j] = sum_k A[i][k] * B[k][j]   (walks B down a column: strided)
//   ikj      for i, for k: C[i][:] += A[i][k] * B[k][:]        (all rows contiguous; rows parallel)
//   blocked  pack a K-slice of B and a few rows of A into small contiguous panels, then a
//            micro-kernel keeps an MR x NR tile of C in registers; rows of C in parallel
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <torch/library.h>

#include <algorithm>
#include <vector>

#include "checks.h"
#include "kernels.h"
#include "matmul.h"
#include "matmul_packed.h"

namespace mylinearops {
namespace {

// ---- rung 1: naive -------------------------------------------------------------------------
template <typename T>
void matmul_naive(const T* A, const T* B, T* C, int64_t M, int64_t K, int64_t N) {
  for (int64_t i = 0; i < M; ++i) {
    for (int64_t j = 0; j < N; ++j) {
      T sum = 0;
      for (int64_t k = 0; k < K; ++k) sum += A[i * K + k] * B[k * N + j];  // B: stride N
      C[i * N + j] = sum;
    }
  }
}

// ---- rung 2: loop order i-k-j, rows in parallel -----------------------------------------------
template <typename T>
void matmul_ikj(const T* A, const T* B, T* C, int64_t M, int64_t K, int64_t N) {
  at::parallel_for(0, M, 16, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      T* __restrict c = C + i * N;
      std::fill(c, c + N, T(0));
      for (int64_t k = 0; k < K; ++k) {
        const T a = A[i * K + k];
        const T* __restrict b = B + k * N;
        for (int64_t j = 0; j < N; ++j) c[j] += a * b[j];  // contiguous: vectorises
      }
    }
  });
}

// ---- rung 3: packed and register-blocked ------------------------------------------------------
#if defined(__AVX512F__)
constexpr int kVectorBytes = 64;  // one zmm register
#else
constexpr int kVectorBytes = 32;  // one ymm register (AVX2), or two SSE registers
#endif
constexpr int64_t kMR = 6;    // rows of the register tile
constexpr int64_t kKC = 256;  // depth of one packed K-slice (A and B panels stay in cache)
constexpr int64_t kMC = 72;   // rows of A packed per task (a multiple of kMR)

template <typename T>
constexpr int64_t nr() {
  return 2 * kVectorBytes / static_cast<int64_t>(sizeof(T));  // two vectors per row of the tile
}

// C[0:mr, 0:nr] += Ap (kc, MR) times Bp (kc, NR); the MR x NR accumulators live in registers.
template <typename T, int64_t MR, int64_t NR>
inline void micro_kernel(int64_t kc, const T* __restrict Ap, const T* __restrict Bp,
                         T* __restrict C, int64_t ldc, int64_t mr, int64_t nr_valid) {
  T acc[MR][NR] = {};
  for (int64_t k = 0; k < kc; ++k) {
    const T* __restrict a = Ap + k * MR;
    const T* __restrict b = Bp + k * NR;
#pragma GCC unroll 8
    for (int64_t i = 0; i < MR; ++i) {
      const T ai = a[i];
#pragma GCC unroll 32
      for (int64_t j = 0; j < NR; ++j) acc[i][j] += ai * b[j];  // a broadcast FMA per vector
    }
  }
  if (mr == MR && nr_valid == NR) {
    for (int64_t i = 0; i < MR; ++i)
      for (int64_t j = 0; j < NR; ++j) C[i * ldc + j] += acc[i][j];
  } else {  // the ragged edge: only the valid part of the tile is written
    for (int64_t i = 0; i < mr; ++i)
      for (int64_t j = 0; j < nr_valid; ++j) C[i * ldc + j] += acc[i][j];
  }
}

template <typename T>
void matmul_blocked(const T* A, const T* B, T* C, int64_t M, int64_t K, int64_t N) {
  constexpr int64_t MR = kMR;
  constexpr int64_t NR = nr<T>();
  const int64_t n_panels = (N + NR - 1) / NR;
  std::fill(C, C + M * N, T(0));
  std::vector<T> Bp(static_cast<size_t>(n_panels * kKC * NR));
  for (int64_t pc = 0; pc < K; pc += kKC) {
    const int64_t kc = std::min(kKC, K - pc);
    // Pack B[pc:pc+kc, :] as n_panels panels of (kc, NR), zero-padded past column N.
    at::parallel_for(0, n_panels, 1, [&](int64_t p0, int64_t p1) {
      for (int64_t p = p0; p < p1; ++p) {
        T* dst = Bp.data() + p * kc * NR;
        const int64_t j0 = p * NR, nj = std::min(NR, N - j0);
        for (int64_t k = 0; k < kc; ++k) {
          const T* src = B + (pc + k) * N + j0;
          for (int64_t j = 0; j < nj; ++j) dst[k * NR + j] = src[j];
          for (int64_t j = nj; j < NR; ++j) dst[k * NR + j] = T(0);
        }
      }
    });
    // Rows of C in blocks of kMC: each task packs its rows of A, then sweeps all B panels.
    const int64_t m_blocks = (M + kMC - 1) / kMC;
    at::parallel_for(0, m_blocks, 1, [&](int64_t b0, int64_t b1) {
      std::vector<T> Ap(static_cast<size_t>(kMC * kKC));
      for (int64_t blk = b0; blk < b1; ++blk) {
        const int64_t i0 = blk * kMC, mc = std::min(kMC, M - i0);
        const int64_t m_panels = (mc + MR - 1) / MR;
        // Pack A[i0:i0+mc, pc:pc+kc] as panels of (kc, MR), zero-padded past row M.
        for (int64_t q = 0; q < m_panels; ++q) {
          T* dst = Ap.data() + q * kc * MR;
          const int64_t r0 = i0 + q * MR, mr = std::min(MR, i0 + mc - r0);
          for (int64_t k = 0; k < kc; ++k) {
            for (int64_t i = 0; i < mr; ++i) dst[k * MR + i] = A[(r0 + i) * K + pc + k];
            for (int64_t i = mr; i < MR; ++i) dst[k * MR + i] = T(0);
          }
        }
        for (int64_t p = 0; p < n_panels; ++p) {  // one B panel stays in L1 across the A panels
          const int64_t j0 = p * NR, nj = std::min(NR, N - j0);
          for (int64_t q = 0; q < m_panels; ++q) {
            const int64_t r0 = i0 + q * MR, mr = std::min(MR, i0 + mc - r0);
            micro_kernel<T, MR, NR>(kc, Ap.data() + q * kc * MR, Bp.data() + p * kc * NR,
                                    C + r0 * N + j0, N, mr, nj);
          }
        }
      }
    });
  }
}

// ---- the table and the ops ----------------------------------------------------------------------
template <typename T>
using CpuKernelFn = void (*)(const T* A, const T* B, T* C, int64_t M, int64_t K, int64_t N);

// {name, matmul_<name><float>, matmul_<name><double>} for every name in kernels.h's CPU list.
#define MYLINEAROPS_CPU_ROW(name) {#name, &matmul_##name<float>, &matmul_##name<double>},
constexpr NamedKernel<CpuKernelFn> kCpuKernels[] = {MYLINEAROPS_CPU_KERNELS(MYLINEAROPS_CPU_ROW)};
#undef MYLINEAROPS_CPU_ROW

}  // namespace

// C = A @ B with the kernel named `algo`. The inputs were checked by the caller (matmul_cpu,
// linearop_cpu or the pybind11 route's functions): each op checks its inputs once, here only the kernel name is looked up.
at::Tensor run_matmul_cpu(const at::Tensor& a_in, const at::Tensor& b_in, c10::string_view algo) {
  const auto& kernel = find_kernel(kCpuKernels, algo, "CPU", MYLINEAROPS_CPU_AUTO);
  // packed reads views through their strides: the backward's transposes are not copied
  if (kernel.f32 == &matmul_packed<float>) return matmul_packed_strided(a_in, b_in);
  const at::Tensor a = a_in.contiguous();  // a transposed or sliced view becomes row-major
  const at::Tensor b = b_in.contiguous();
  const int64_t M = a.size(0), K = a.size(1), N = b.size(1);
  at::Tensor c = at::empty({M, N}, a.options());
  if (c.numel() == 0) return c;
  if (K == 0) return c.zero_();  // a sum over nothing
  AT_DISPATCH_FLOATING_TYPES(a.scalar_type(), "mylinearops_matmul_cpu", [&] {
    kernel.for_type<scalar_t>()(a.data_ptr<scalar_t>(), b.data_ptr<scalar_t>(),
                                c.data_ptr<scalar_t>(), M, K, N);
  });
  return c;
}

// The ops. The pybind11 route compiles this file again into its own module (pybind/kernels_*.*)
// with MYLINEAROPS_NO_REGISTRATION: it needs only run_matmul_*, and the ops must be registered
// once, by _C.
#ifndef MYLINEAROPS_NO_REGISTRATION
namespace {

at::Tensor matmul_cpu(const at::Tensor& a, const at::Tensor& b, c10::string_view algo) {
  check_matmul_inputs("mylinearops.matmul", a, "A", b, "B", c10::DeviceType::CPU);
  return run_matmul_cpu(a, b, algo);
}

at::Tensor linearop_cpu(const at::Tensor& x, const at::Tensor& w,
                        const std::optional<at::Tensor>& bias, c10::string_view algo) {
  check_matmul_inputs("mylinearops.linearop", x, "X", w, "W", c10::DeviceType::CPU);
  if (bias.has_value()) check_bias(x, w, *bias);
  // packed adds the bias as it writes Y: one pass over Y instead of two (matmul_packed.cpp)
  if (find_kernel(kCpuKernels, algo, "CPU", MYLINEAROPS_CPU_AUTO).f32 == &matmul_packed<float>)
    return matmul_packed_strided(x, w, bias);
  at::Tensor y = run_matmul_cpu(x, w, algo);
  if (bias.has_value()) y.add_(*bias);  // (N, out) + (out,): the bias broadcasts over the rows
  return y;
}

}  // namespace

TORCH_LIBRARY_IMPL(mylinearops, CPU, m) {
  m.impl("matmul", &matmul_cpu);
  m.impl("linearop", &linearop_cpu);
}
#endif

}  // namespace mylinearops
