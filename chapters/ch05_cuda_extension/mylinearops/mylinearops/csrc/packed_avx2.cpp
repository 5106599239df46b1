// The packed rung's micro-kernels for AVX2 + FMA (ymm registers: 8 floats or 4 doubles).
//
// Compiled for AVX2 and FMA whatever -march the build uses (the pragma below); matmul_packed.cpp
// calls these only on a CPU that has both. No ATen or standard-library inline code in this file,
// for the reason given at the top of packed_avx512.cpp.
#include <immintrin.h>

#include <cstdint>

#include "packed_kernels.h"

#pragma GCC push_options
#pragma GCC target("avx2,fma")

#include "packed_micro_kernel.h"

namespace mylinearops {
namespace packed {
namespace {

struct Avx2F32 {
  using T = float;
  using Reg = __m256;
  static constexpr int kLanes = 8;
  static Reg zero() { return _mm256_setzero_ps(); }
  static Reg load(const T* p) { return _mm256_loadu_ps(p); }
  static void store(T* p, Reg x) { _mm256_storeu_ps(p, x); }
  static Reg broadcast(const T* p) { return _mm256_broadcast_ss(p); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm256_fmadd_ps(a, b, c); }
  static Reg add(Reg a, Reg b) { return _mm256_add_ps(a, b); }
};

struct Avx2F64 {
  using T = double;
  using Reg = __m256d;
  static constexpr int kLanes = 4;
  static Reg zero() { return _mm256_setzero_pd(); }
  static Reg load(const T* p) { return _mm256_loadu_pd(p); }
  static void store(T* p, Reg x) { _mm256_storeu_pd(p, x); }
  static Reg broadcast(const T* p) { return _mm256_broadcast_sd(p); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm256_fmadd_pd(a, b, c); }
  static Reg add(Reg a, Reg b) { return _mm256_add_pd(a, b); }
};

// 16 ymm registers: a 6 x 2-vector tile is 12 accumulators, plus 2 for B and 1 for the broadcast.
constexpr int kMR = 6;  // and two vectors of columns (make_micro_kernel)

}  // namespace

MicroKernel<float> avx2_kernel_f32() {
  return make_micro_kernel<Avx2F32, kMR>("avx2");
}

MicroKernel<double> avx2_kernel_f64() {
  return make_micro_kernel<Avx2F64, kMR>("avx2");
}


// The peak: kChains independent multiply-add chains (more than the FMA units x their latency,
// so the units never wait), `iterations` rounds, no memory traffic. Returns the flops done.
double fma_peak_loop_avx2(int64_t iterations) {
  constexpr int kChains = 12;
  __m256 acc[kChains];
  const __m256 scale = _mm256_set1_ps(0.999999f), shift = _mm256_set1_ps(1e-6f);
#pragma GCC unroll 32
  for (int c = 0; c < kChains; ++c) acc[c] = _mm256_set1_ps(1.0f + c);
  for (int64_t it = 0; it < iterations; ++it) {
#pragma GCC unroll 32
    for (int c = 0; c < kChains; ++c) acc[c] = _mm256_fmadd_ps(acc[c], scale, shift);
  }
  __m256 sum = acc[0];
  for (int c = 1; c < kChains; ++c) sum = _mm256_add_ps(sum, acc[c]);
  alignas(64) float out[8];
  _mm256_store_ps(out, sum);
  volatile float sink = out[0];  // keeps the compiler from dropping the loop
  (void)sink;
  return 2.0 * 8 * kChains * static_cast<double>(iterations);
}

}  // namespace packed
}  // namespace mylinearops

#pragma GCC pop_options
