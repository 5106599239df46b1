// The packed rung's micro-kernels for AVX-512 (zmm registers: 16 floats or 8 doubles).
//
// This whole file is compiled for AVX-512F (the pragma below), whatever -march the build uses, so
// the kernel exists even in a portable build; matmul_packed.cpp calls it only after checking the
// CPU. It includes no ATen or standard-library code with inline functions: an inline function
// compiled here would contain AVX-512 instructions, and the linker may keep this copy for the
// whole library (one definition per name), which would then crash on a CPU without AVX-512.
#include <immintrin.h>

#include <cstdint>

#include "packed_kernels.h"

#pragma GCC push_options
#pragma GCC target("avx512f,fma")

#include "packed_micro_kernel.h"

namespace mylinearops {
namespace packed {
namespace {

struct Avx512F32 {
  using T = float;
  using Reg = __m512;
  static constexpr int kLanes = 16;
  static Reg zero() { return _mm512_setzero_ps(); }
  static Reg load(const T* p) { return _mm512_loadu_ps(p); }
  static void store(T* p, Reg x) { _mm512_storeu_ps(p, x); }
  static Reg broadcast(const T* p) { return _mm512_set1_ps(*p); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm512_fmadd_ps(a, b, c); }
  static Reg add(Reg a, Reg b) { return _mm512_add_ps(a, b); }
};

struct Avx512F64 {
  using T = double;
  using Reg = __m512d;
  static constexpr int kLanes = 8;
  static Reg zero() { return _mm512_setzero_pd(); }
  static Reg load(const T* p) { return _mm512_loadu_pd(p); }
  static void store(T* p, Reg x) { _mm512_storeu_pd(p, x); }
  static Reg broadcast(const T* p) { return _mm512_set1_pd(*p); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm512_fmadd_pd(a, b, c); }
  static Reg add(Reg a, Reg b) { return _mm512_add_pd(a, b); }
};

// 32 zmm registers: a 14 x 2-vector tile is 28 accumulators, plus 2 for B and 1 for the broadcast.
// Each k costs 2 vector loads and 14 broadcasts for 28 multiply-adds (of 16 lanes each).
constexpr int kMR = 14;  // and two vectors of columns (make_micro_kernel)

// A 16 x 16 transpose of floats in registers: r[j] (16 values along k) becomes r[k] (16 values
// along j). Four rounds of interleaving (32-bit values of row pairs, then 64-bit pairs, then
// 128-bit lanes, twice) leave register k holding column k in order, the standard transpose.
void transpose16_regs(__m512 r[16]) {
  __m512 t[16];
  for (int i = 0; i < 16; i += 2) {
    t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 16; i += 4) {
    const __m512d t0 = _mm512_castps_pd(t[i]), t1 = _mm512_castps_pd(t[i + 1]);
    const __m512d t2 = _mm512_castps_pd(t[i + 2]), t3 = _mm512_castps_pd(t[i + 3]);
    r[i] = _mm512_castpd_ps(_mm512_unpacklo_pd(t0, t2));
    r[i + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(t0, t2));
    r[i + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(t1, t3));
    r[i + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(t1, t3));
  }
  for (int i = 0; i < 4; ++i) {
    t[i] = _mm512_shuffle_f32x4(r[i], r[i + 4], 0x88);
    t[i + 4] = _mm512_shuffle_f32x4(r[i], r[i + 4], 0xdd);
    t[i + 8] = _mm512_shuffle_f32x4(r[i + 8], r[i + 12], 0x88);
    t[i + 12] = _mm512_shuffle_f32x4(r[i + 8], r[i + 12], 0xdd);
  }
  for (int i = 0; i < 8; ++i) {
    r[i] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0x88);
    r[i + 8] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0xdd);
  }
}

// Rows j of src (16 values along k) become rows k of dst: packs the backward's W^T.
void transpose16_f32(const float* src, int64_t ld_src, float* dst, int64_t ld_dst) {
  __m512 r[16];
  for (int i = 0; i < 16; ++i) r[i] = _mm512_loadu_ps(src + i * ld_src);
  transpose16_regs(r);
  for (int k = 0; k < 16; ++k) _mm512_storeu_ps(dst + k * ld_dst, r[k]);
}

// 16 values of k of an A panel: rows i < `rows` of src (16 values along k each) become, for each
// k, the panel's kMR values at dst + k * kMR, zero past `rows` (a masked store writes the kMR).
void pack_a16_f32(const float* src, int64_t ld_src, int64_t rows, float* dst) {
  __m512 r[16];
  for (int i = 0; i < 16; ++i)
    r[i] = i < rows ? _mm512_loadu_ps(src + i * ld_src) : _mm512_setzero_ps();
  transpose16_regs(r);
  const __mmask16 panel = static_cast<__mmask16>((1u << kMR) - 1);
  for (int k = 0; k < 16; ++k) _mm512_mask_storeu_ps(dst + k * kMR, panel, r[k]);
}

}  // namespace

MicroKernel<float> avx512_kernel_f32() {
  MicroKernel<float> uk = make_micro_kernel<Avx512F32, kMR>("avx512");
  uk.transpose16 = &transpose16_f32;
  uk.pack_a16 = &pack_a16_f32;
  return uk;
}

MicroKernel<double> avx512_kernel_f64() {
  return make_micro_kernel<Avx512F64, kMR>("avx512");
}

// The peak: kChains independent multiply-add chains (more than the FMA units x their latency,
// so the units never wait), `iterations` rounds, no memory traffic. Returns the flops done.
double fma_peak_loop_avx512(int64_t iterations) {
  constexpr int kChains = 24;
  __m512 acc[kChains];
  const __m512 scale = _mm512_set1_ps(0.999999f), shift = _mm512_set1_ps(1e-6f);
#pragma GCC unroll 32
  for (int c = 0; c < kChains; ++c) acc[c] = _mm512_set1_ps(1.0f + c);
  for (int64_t it = 0; it < iterations; ++it) {
#pragma GCC unroll 32
    for (int c = 0; c < kChains; ++c) acc[c] = _mm512_fmadd_ps(acc[c], scale, shift);
  }
  __m512 sum = acc[0];
  for (int c = 1; c < kChains; ++c) sum = _mm512_add_ps(sum, acc[c]);
  alignas(64) float out[16];
  _mm512_store_ps(out, sum);
  volatile float sink = out[0];  // keeps the compiler from dropping the loop
  (void)sink;
  return 2.0 * 16 * kChains * static_cast<double>(iterations);
}

}  // namespace packed
}  // namespace mylinearops

#pragma GCC pop_options
