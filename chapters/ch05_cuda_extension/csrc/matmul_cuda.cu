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

template <typename T, int BM, int BN, int BK, int TM, int TN, bool VEC>
void launch_blocktiled(const T* A, const T* B, T* C, int M, int K, int N, cudaStream_t stream) {
  const dim3 grid(ceil_div(N, BN), ceil_div(M, BM));
  blocktiled_kernel<T, BM, BN, BK, TM, TN, VEC>
      <<<grid, (BM / TM) * (BN / TN), 0, stream>>>(A, B, C, M, K, N);
}

bool aligned16(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % 16 == 0; }

// The size rule of "auto", from the H200 measurements in the README: 128-tiles win from 2048
// up (79% of cuBLAS at 4096), 64-tiles at 1024 and below, where 128-tiles leave SMs idle.
constexpr int kBigTile = 128;
constexpr int64_t kBigTileWaves = 1;

// Tile configurations (BM x BN tile per block, BK deep, TM x TN per thread):
//   64:       64 x 64 x 8, 4 x 4 per thread, 256 threads: many small blocks, fills the GPU
//   128:      128 x 128 x 8, 8 x 8 per thread, 256 threads: more reuse per loaded value
//   128k16:   128 x 128 x 16, 8 x 8 per thread: twice the work between synchronisations
// `config` forces one ("blocktiled_64", ...); 0 picks by size: 128-tiles once they make at
// least one block per SM.
template <typename T>
void launch_blocktiled_auto(const T* A, const T* B, T* C, int M, int K, int N, int config,
                            cudaStream_t stream) {
  if constexpr (std::is_same_v<T, float>) {
    const bool vec = K % 4 == 0 && N % 4 == 0 && aligned16(A) && aligned16(B) && aligned16(C);
    if (config == 0) {
      int device = 0, sms = 0;
      C10_CUDA_CHECK(cudaGetDevice(&device));
      C10_CUDA_CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device));
      config = ceil_div(M, 128) * ceil_div(N, 128) >= kBigTileWaves * sms ? kBigTile : 64;
    }
    if (config == 128) {
      if (vec) launch_blocktiled<float, 128, 128, 8, 8, 8, true>(A, B, C, M, K, N, stream);
      else launch_blocktiled<float, 128, 128, 8, 8, 8, false>(A, B, C, M, K, N, stream);
    } else if (config == 12816) {
      if (vec) launch_blocktiled<float, 128, 128, 16, 8, 8, true>(A, B, C, M, K, N, stream);
      else launch_blocktiled<float, 128, 128, 16, 8, 8, false>(A, B, C, M, K, N, stream);
    } else {
      if (vec) launch_blocktiled<float, 64, 64, 8, 4, 4, true>(A, B, C, M, K, N, stream);
      else launch_blocktiled<float, 64, 64, 8, 4, 4, false>(A, B, C, M, K, N, stream);
    }
  } else {  // double: no float4; one moderate tile keeps the register count reasonable
    launch_blocktiled<T, 64, 64, 8, 4, 4, false>(A, B, C, M, K, N, stream);
  }
}

// ---- the op ------------------------------------------------------------------------------------------
at::Tensor matmul_cuda(const at::Tensor& a_in, const at::Tensor& b_in, c10::string_view algo) {
  check_matmul_inputs("mylinearops.matmul", a_in, "A", b_in, "B", c10::DeviceType::CUDA);
  std::string name(algo);
  if (name == "auto") name = "blocktiled";
  TORCH_CHECK(name == "naive" || name == "coalesced" || name == "tiled" || name == "blocktiled" ||
                  name == "blocktiled_64" || name == "blocktiled_128" || name == "blocktiled_128k16",
              "mylinearops.matmul: unknown CUDA kernel algo='", name,
              "'; choose one of auto, naive, coalesced, tiled, blocktiled");
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
  const int m = static_cast<int>(M), k = static_cast<int>(K), n = static_cast<int>(N);
  AT_DISPATCH_FLOATING_TYPES(a.scalar_type(), "mylinearops_matmul_cuda", [&] {
    const auto* A = a.data_ptr<scalar_t>();
    const auto* B = b.data_ptr<scalar_t>();
    auto* C = c.data_ptr<scalar_t>();
    if (name == "naive") {
      TORCH_CHECK(ceil_div(N, 32) <= 65535, "mylinearops.matmul: too many columns for naive");
      naive_kernel<scalar_t><<<dim3(ceil_div(M, 32), ceil_div(N, 32)), dim3(32, 32), 0, stream>>>(
          A, B, C, m, k, n);
    } else if (name == "coalesced") {
      coalesced_kernel<scalar_t>
          <<<dim3(ceil_div(N, 32), ceil_div(M, 32)), dim3(32, 32), 0, stream>>>(A, B, C, m, k, n);
    } else if (name == "tiled") {
      tiled_kernel<scalar_t, 32>
          <<<dim3(ceil_div(N, 32), ceil_div(M, 32)), dim3(32, 32), 0, stream>>>(A, B, C, m, k, n);
    } else {
      const int config = name == "blocktiled_64"        ? 64
                         : name == "blocktiled_128"     ? 128
                         : name == "blocktiled_128k16" ? 12816
                                                        : 0;
      launch_blocktiled_auto<scalar_t>(A, B, C, m, k, n, config, stream);
    }
    C10_CUDA_KERNEL_LAUNCH_CHECK();
  });
  return c;
}

at::Tensor linearop_cuda(const at::Tensor& x, const at::Tensor& w,
                         const std::optional<at::Tensor>& bias, c10::string_view algo) {
  check_matmul_inputs("mylinearops.linearop", x, "X", w, "W", c10::DeviceType::CUDA);
  at::Tensor y = matmul_cuda(x, w, algo);
  if (bias.has_value()) {
    check_bias(y, w, *bias);
    y.add_(*bias);  // (N, out) + (out,), on the current stream like everything else
  }
  return y;
}

}  // namespace

TORCH_LIBRARY_IMPL(mylinearops, CUDA, m) {
  m.impl("matmul", &matmul_cuda);
  m.impl("linearop", &linearop_cuda);
}

}  // namespace mylinearops
