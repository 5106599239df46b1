// The register-blocked micro-kernel, written once for any vector type. Included only by the
// instruction-set files (packed_avx512.cpp, packed_avx2.cpp) after their #pragma GCC target, so
// every instantiation is compiled for that instruction set. `Vec` supplies the vector type and
// five operations (zero, load, store, broadcast, fma); see those files.
#pragma once

#include <cstdint>

namespace mylinearops {
namespace packed {
namespace {

// C tile (MR, NR = NV vectors) = Ap (kc, MR) @ Bp (kc, NR) [+ C or + bias]. The MR x NV
// accumulators are named registers: the loops over i and v have constant trip counts and are
// unrolled completely, so `acc` never touches memory inside the k loop.
template <class Vec, int MR, int NV>
void micro_kernel(int64_t kc, const typename Vec::T* __restrict Ap,
                  const typename Vec::T* __restrict Bp, typename Vec::T* __restrict C,
                  int64_t ldc, const typename Vec::T* __restrict bias, bool accumulate) {
  using T = typename Vec::T;
  using R = typename Vec::Reg;
  constexpr int L = Vec::kLanes;
  constexpr int NR = NV * L;
  R acc[MR][NV];
#pragma GCC unroll 32
  for (int i = 0; i < MR; ++i)
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) acc[i][v] = Vec::zero();

  for (int64_t k = 0; k < kc; ++k) {
    const T* a = Ap + k * MR;  // MR values of A: this k's column of the tile's rows
    const T* b = Bp + k * NR;  // NR values of B: this k's row of the tile's columns
    R bv[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) bv[v] = Vec::load(b + v * L);
#pragma GCC unroll 32
    for (int i = 0; i < MR; ++i) {
      const R ai = Vec::broadcast(a + i);  // one A value in every lane
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) acc[i][v] = Vec::fma(ai, bv[v], acc[i][v]);  // += ai * b
    }
  }

#pragma GCC unroll 32
  for (int i = 0; i < MR; ++i) {
    T* c = C + i * ldc;
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) {
      R out = acc[i][v];
      if (accumulate) {
        out = Vec::add(out, Vec::load(c + v * L));
      } else if (bias != nullptr) {
        out = Vec::add(out, Vec::load(bias + v * L));  // the bias fused into the first k-slice
      }
      Vec::store(c + v * L, out);
    }
  }
}

}  // namespace
}  // namespace packed
}  // namespace mylinearops
