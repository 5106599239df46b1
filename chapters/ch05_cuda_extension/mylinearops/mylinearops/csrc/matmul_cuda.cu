// CUDA kernels for C = A @ B (row-major, A (M, K), B (K, N)), a ladder of four rungs:
//
//   naive       one thread per C entry, the row taken from threadIdx.x: the 32 threads of a warp
//               read 32 different rows of A (addresses K apart), so no load is coalesced
//   coalesced   the same work with the column taken from threadIdx.x: a warp reads 32 neighbours
//               of a row of B (one 128-byte transaction) and all read the same A entry (broadcast)
//   tiled       a block stages 32x32 tiles of A and B in shared memory; each global value is
//               loaded once per block instead of once per thread
//   blocktiled  each thread computes a TM x TN patch of C held in registers, from a BM x BK tile of
//               A (stored transposed) and a BK x BN tile of B, loaded with float4 when aligned;
//               the tile size is picked from the problem size so that small matrices fill the GPU
#include <ATen/ATen.h>
#include <c10/cuda/CUDAException.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#include <torch/library.h>

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "checks.h"
#include "kernels.h"
#include "matmul.h"

namespace mylinearops {
namespace {

inline int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

// ---- rung 1: naive ------------------------------------------------------------------------------
template <typename T>
__global__ void naive_kernel(const T* __restrict__ A, const T* __restrict__ B, T* __restrict__ C,
                             int M, int K, int N) {
  const int row = blockIdx.x * blockDim.x + threadIdx.x;  // neighbours in a warp: rows K apart
  const int col = blockIdx.y * blockDim.y + threadIdx.y;
  if (row < M && col < N) {
    T sum = 0;
    for (int k = 0; k < K; ++k) sum += A[(int64_t)row * K + k] * B[(int64_t)k * N + col];
    C[(int64_t)row * N + col] = sum;
  }
}

// ---- rung 2: coalesced -----------------------------------------------------------------------------
template <typename T>
__global__ void coalesced_kernel(const T* __restrict__ A, const T* __restrict__ B,
                                 T* __restrict__ C, int M, int K, int N) {
  const int col = blockIdx.x * blockDim.x + threadIdx.x;  // neighbours in a warp: neighbour columns
  const int row = blockIdx.y * blockDim.y + threadIdx.y;
  if (row < M && col < N) {
    T sum = 0;
    for (int k = 0; k < K; ++k) sum += A[(int64_t)row * K + k] * B[(int64_t)k * N + col];
    C[(int64_t)row * N + col] = sum;
  }
}

// ---- rung 3: shared-memory tiling ------------------------------------------------------------------
template <typename T, int TILE>
__global__ void tiled_kernel(const T* __restrict__ A, const T* __restrict__ B, T* __restrict__ C,
                             int M, int K, int N) {
  __shared__ T As[TILE][TILE];
  __shared__ T Bs[TILE][TILE];
  const int tx = threadIdx.x, ty = threadIdx.y;
  const int row = blockIdx.y * TILE + ty;
  const int col = blockIdx.x * TILE + tx;
  T sum = 0;
  for (int k0 = 0; k0 < K; k0 += TILE) {
    // Out-of-range entries are loaded as zeros, so they add nothing to the sum.
    As[ty][tx] = (row < M && k0 + tx < K) ? A[(int64_t)row * K + k0 + tx] : T(0);
    Bs[ty][tx] = (k0 + ty < K && col < N) ? B[(int64_t)(k0 + ty) * N + col] : T(0);
    __syncthreads();
#pragma unroll
    for (int k = 0; k < TILE; ++k) sum += As[ty][k] * Bs[k][tx];
    __syncthreads();  // nobody overwrites a tile another thread is still reading
  }
  if (row < M && col < N) C[(int64_t)row * N + col] = sum;
}

// ---- rung 4: 2D register block-tiling ---------------------------------------------------------------
// A block of (BM/TM)*(BN/TN) threads computes a BM x BN tile of C; thread (tr, tc) owns the
// TM x TN patch starting at row tr*TM, column tc*TN. VEC: float data with K and N multiples of 4
// and 16-byte aligned pointers, so tiles travel as float4 (one 16-byte load for 4 values).
// The next tiles are fetched into registers while the current ones are multiplied, so the
// wait for global memory overlaps with arithmetic (a register-staged double buffer).
template <bool VEC, typename T>
struct Chunk {  // what one thread moves per load: a float4, or a single value
  using type = std::conditional_t<VEC, float4, T>;
  static constexpr int width = VEC ? 4 : 1;
};

template <typename T>
__device__ inline T part(const T& v, int) { return v; }
__device__ inline float part(const float4& v, int q) {
  return q == 0 ? v.x : q == 1 ? v.y : q == 2 ? v.z : v.w;
}

template <typename T, int BM, int BN, int BK, int TM, int TN, bool VEC>
__global__ void __launch_bounds__((BM / TM) * (BN / TN))
    blocktiled_kernel(const T* __restrict__ A, const T* __restrict__ B, T* __restrict__ C, int M,
                      int K, int N) {
  constexpr int NT = (BM / TM) * (BN / TN);
  using V = typename Chunk<VEC, T>::type;
  constexpr int W = Chunk<VEC, T>::width;
  static_assert(!VEC || (BK % 4 == 0 && BN % 4 == 0 && TN % 4 == 0), "float4 needs multiples of 4");
  constexpr int A_CHUNKS = BM * BK / W, B_CHUNKS = BK * BN / W;  // chunks per tile
  constexpr int A_PER = (A_CHUNKS + NT - 1) / NT, B_PER = (B_CHUNKS + NT - 1) / NT;
  __shared__ __align__(16) T As[BK][BM];  // transposed: As[k][m], so a thread reads TM in a row
  __shared__ __align__(16) T Bs[BK][BN];
  const int tid = threadIdx.x;
  const int bm = blockIdx.y * BM, bn = blockIdx.x * BN;
  const int tr = tid / (BN / TN), tc = tid % (BN / TN);

  V ra[A_PER], rb[B_PER];  // the staged next tiles
  auto fetch = [&](int k0) {
#pragma unroll
    for (int s = 0; s < A_PER; ++s) {
      const int idx = tid + s * NT;
      const int r = idx / (BK / W), c = (idx % (BK / W)) * W;
      const int gr = bm + r, gk = k0 + c;  // VEC: K % 4 == 0, so gk < K covers all four
      V v{};
      if (idx < A_CHUNKS && gr < M && gk < K) v = *reinterpret_cast<const V*>(&A[(int64_t)gr * K + gk]);
      ra[s] = v;
    }
#pragma unroll
    for (int s = 0; s < B_PER; ++s) {
      const int idx = tid + s * NT;
      const int r = idx / (BN / W), c = (idx % (BN / W)) * W;
      const int gk = k0 + r, gc = bn + c;  // VEC: N % 4 == 0, so gc < N covers all four
      V v{};
      if (idx < B_CHUNKS && gk < K && gc < N) v = *reinterpret_cast<const V*>(&B[(int64_t)gk * N + gc]);
      rb[s] = v;
    }
  };
  auto stage = [&]() {  // registers -> shared memory (out-of-range entries are zeros)
#pragma unroll
    for (int s = 0; s < A_PER; ++s) {
      const int idx = tid + s * NT;
      if (idx < A_CHUNKS) {
        const int r = idx / (BK / W), c = (idx % (BK / W)) * W;
#pragma unroll
        for (int q = 0; q < W; ++q) As[c + q][r] = part(ra[s], q);
      }
    }
#pragma unroll
    for (int s = 0; s < B_PER; ++s) {
      const int idx = tid + s * NT;
      if (idx < B_CHUNKS) {
        const int r = idx / (BN / W), c = (idx % (BN / W)) * W;
        *reinterpret_cast<V*>(&Bs[r][c]) = rb[s];
      }
    }
  };

  T acc[TM][TN];
#pragma unroll
  for (int i = 0; i < TM; ++i)
#pragma unroll
    for (int j = 0; j < TN; ++j) acc[i][j] = T(0);
  T regM[TM], regN[TN];

  fetch(0);
  for (int k0 = 0; k0 < K; k0 += BK) {
    stage();
    __syncthreads();
    if (k0 + BK < K) fetch(k0 + BK);  // in flight while we compute below
#pragma unroll
    for (int k = 0; k < BK; ++k) {
#pragma unroll
      for (int i = 0; i < TM; ++i) regM[i] = As[k][tr * TM + i];
#pragma unroll
      for (int j = 0; j < TN; ++j) regN[j] = Bs[k][tc * TN + j];
#pragma unroll
      for (int i = 0; i < TM; ++i)
#pragma unroll
        for (int j = 0; j < TN; ++j) acc[i][j] += regM[i] * regN[j];  // TM*TN FMAs per TM+TN loads
    }
    __syncthreads();  // everyone is done reading the tiles before they are overwritten
  }

#pragma unroll
  for (int i = 0; i < TM; ++i) {
    const int r = bm + tr * TM + i;
    if (r >= M) break;
    if constexpr (VEC) {
#pragma unroll
      for (int j = 0; j < TN; j += 4) {
        const int c = bn + tc * TN + j;
        if (c < N)
          *reinterpret_cast<float4*>(&C[(int64_t)r * N + c]) =
              make_float4(acc[i][j], acc[i][j + 1], acc[i][j + 2], acc[i][j + 3]);
      }
    } else {
#pragma unroll
      for (int j = 0; j < TN; ++j) {
        const int c = bn + tc * TN + j;
        if (c < N) C[(int64_t)r * N + c] = acc[i][j];
      }
    }
  }
}

// ---- the launchers: one per name in kernels.h's CUDA list -----------------------------------------
// Each takes the sizes and the stream, chooses the launch grid with ceil_div and launches.
template <typename T>
void launch_naive(const T* A, const T* B, T* C, int M, int K, int N, cudaStream_t stream) {
  TORCH_CHECK(ceil_div(N, 32) <= 65535, "mylinearops.matmul: too many columns for naive");
  naive_kernel<T><<<dim3(ceil_div(M, 32), ceil_div(N, 32)), dim3(32, 32), 0, stream>>>(A, B, C, M,
                                                                                       K, N);
}

template <typename T>
void launch_coalesced(const T* A, const T* B, T* C, int M, int K, int N, cudaStream_t stream) {
  coalesced_kernel<T><<<dim3(ceil_div(N, 32), ceil_div(M, 32)), dim3(32, 32), 0, stream>>>(A, B, C,
                                                                                           M, K, N);
}

template <typename T>
void launch_tiled(const T* A, const T* B, T* C, int M, int K, int N, cudaStream_t stream) {
  tiled_kernel<T, 32><<<dim3(ceil_div(N, 32), ceil_div(M, 32)), dim3(32, 32), 0, stream>>>(A, B, C,
                                                                                           M, K, N);
}

// A tile shape of the blocktiled kernel: a BM x BN tile of C per block, BK deep, TM x TN per thread.
template <int BM_, int BN_, int BK_, int TM_, int TN_>
struct Tile {
  static constexpr int BM = BM_, BN = BN_, BK = BK_, TM = TM_, TN = TN_;
};
using Tile64 = Tile<64, 64, 8, 4, 4>;        // 256 threads, many small blocks: fills the GPU
using Tile128 = Tile<128, 128, 8, 8, 8>;     // 256 threads, more reuse per loaded value
using Tile128k16 = Tile<128, 128, 16, 8, 8>;  // twice the work between synchronisations

bool aligned16(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % 16 == 0; }

template <typename T, typename S, bool VEC>
void launch_tile(const T* A, const T* B, T* C, int M, int K, int N, cudaStream_t stream) {
  const dim3 grid(ceil_div(N, S::BN), ceil_div(M, S::BM));
  blocktiled_kernel<T, S::BM, S::BN, S::BK, S::TM, S::TN, VEC>
      <<<grid, (S::BM / S::TM) * (S::BN / S::TN), 0, stream>>>(A, B, C, M, K, N);
}

// The blocktiled kernel with tile shape S: float4 loads when the data allow them. double has no
// float4, and one moderate tile keeps its register count reasonable, so it always runs Tile64.
template <typename S, typename T>
void launch_blocktiled_with(const T* A, const T* B, T* C, int M, int K, int N,
                            cudaStream_t stream) {
  if constexpr (std::is_same_v<T, float>) {
    const bool vec = K % 4 == 0 && N % 4 == 0 && aligned16(A) && aligned16(B) && aligned16(C);
    if (vec) launch_tile<T, S, true>(A, B, C, M, K, N, stream);
    else launch_tile<T, S, false>(A, B, C, M, K, N, stream);
  } else {
    launch_tile<T, Tile64, false>(A, B, C, M, K, N, stream);
  }
}

// The name-to-tile table: each blocktiled_<name> is the blocktiled kernel with one tile shape.
template <typename T>
void launch_blocktiled_64(const T* A, const T* B, T* C, int M, int K, int N, cudaStream_t s) {
  launch_blocktiled_with<Tile64>(A, B, C, M, K, N, s);
}
template <typename T>
void launch_blocktiled_128(const T* A, const T* B, T* C, int M, int K, int N, cudaStream_t s) {
  launch_blocktiled_with<Tile128>(A, B, C, M, K, N, s);
}
template <typename T>
void launch_blocktiled_128k16(const T* A, const T* B, T* C, int M, int K, int N, cudaStream_t s) {
  launch_blocktiled_with<Tile128k16>(A, B, C, M, K, N, s);
}

// "blocktiled" picks the tile by size, the rule from the H200 measurements in the README:
// 128-tiles win from 2048 up (79% of cuBLAS at 4096), 64-tiles at 1024 and below, where
// 128-tiles leave SMs idle. So: 128-tiles once they make at least one block per SM.
template <typename T>
void launch_blocktiled(const T* A, const T* B, T* C, int M, int K, int N, cudaStream_t stream) {
  int device = 0, sms = 0;
  C10_CUDA_CHECK(cudaGetDevice(&device));
  C10_CUDA_CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device));
  const bool big = ceil_div(M, Tile128::BM) * ceil_div(N, Tile128::BN) >= sms;
  if (big) launch_blocktiled_with<Tile128>(A, B, C, M, K, N, stream);
  else launch_blocktiled_with<Tile64>(A, B, C, M, K, N, stream);
}

template <typename T>
using CudaKernelFn = void (*)(const T* A, const T* B, T* C, int M, int K, int N,
                              cudaStream_t stream);

// {name, launch_<name><float>, launch_<name><double>} for every name in kernels.h's CUDA list.
#define MYLINEAROPS_CUDA_ROW(name) {#name, &launch_##name<float>, &launch_##name<double>},
constexpr NamedKernel<CudaKernelFn> kCudaKernels[] = {
    MYLINEAROPS_CUDA_KERNELS(MYLINEAROPS_CUDA_ROW)};
#undef MYLINEAROPS_CUDA_ROW

}  // namespace

// ---- the ops -------------------------------------------------------------------------------------
// C = A @ B with the kernel named `algo`. The inputs were checked by the caller (matmul_cuda,
// linearop_cuda or the pybind11 route's functions): each op checks its inputs once; here come
// only the limits of these kernels.
at::Tensor run_matmul_cuda(const at::Tensor& a_in, const at::Tensor& b_in, c10::string_view algo) {
  const auto& kernel = find_kernel(kCudaKernels, algo, "CUDA", MYLINEAROPS_CUDA_AUTO);
  const c10::cuda::CUDAGuard guard(a_in.device());
  const at::Tensor a = a_in.contiguous();  // transposed or sliced views become row-major
  const at::Tensor b = b_in.contiguous();
  const int64_t M = a.size(0), K = a.size(1), N = b.size(1);
  constexpr int64_t kMax = std::numeric_limits<int>::max();
  TORCH_CHECK(M <= kMax && K <= kMax && N <= kMax && M * K <= kMax && K * N <= kMax &&
                  M * N <= kMax,
              "mylinearops.matmul: these teaching kernels index with 32-bit ints; got A ",
              a.sizes(), " and B ", b.sizes());
  at::Tensor c = at::empty({M, N}, a.options());
  if (c.numel() == 0) return c;
  if (K == 0) return c.zero_();
  TORCH_CHECK(ceil_div(M, 32) <= 65535, "mylinearops.matmul: too many rows for the CUDA grid");
  const cudaStream_t stream = c10::cuda::getCurrentCUDAStream();  // what torch is ordering on
  AT_DISPATCH_FLOATING_TYPES(a.scalar_type(), "mylinearops_matmul_cuda", [&] {
    kernel.for_type<scalar_t>()(a.data_ptr<scalar_t>(), b.data_ptr<scalar_t>(),
                                c.data_ptr<scalar_t>(), static_cast<int>(M),
                                static_cast<int>(K), static_cast<int>(N), stream);
    C10_CUDA_KERNEL_LAUNCH_CHECK();
  });
  return c;
}

// The ops. The pybind11 route compiles this file again into its own module (pybind/kernels_*.*)
// with MYLINEAROPS_NO_REGISTRATION: it needs only run_matmul_*, and the ops must be registered
// once, by _C.
#ifndef MYLINEAROPS_NO_REGISTRATION
namespace {

at::Tensor matmul_cuda(const at::Tensor& a, const at::Tensor& b, c10::string_view algo) {
  check_matmul_inputs("mylinearops.matmul", a, "A", b, "B", c10::DeviceType::CUDA);
  return run_matmul_cuda(a, b, algo);
}

at::Tensor linearop_cuda(const at::Tensor& x, const at::Tensor& w,
                         const std::optional<at::Tensor>& bias, c10::string_view algo) {
  check_matmul_inputs("mylinearops.linearop", x, "X", w, "W", c10::DeviceType::CUDA);
  if (bias.has_value()) check_bias(x, w, *bias);
  at::Tensor y = run_matmul_cuda(x, w, algo);
  if (bias.has_value()) y.add_(*bias);  // (N, out) + (out,), on the current stream like the rest
  return y;
}

}  // namespace

TORCH_LIBRARY_IMPL(mylinearops, CUDA, m) {
  m.impl("matmul", &matmul_cuda);
  m.impl("linearop", &linearop_cuda);
}
#endif

}  // namespace mylinearops
