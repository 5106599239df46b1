// The register-blocked micro-kernel, written once for any vector type. Included only by the
// instruction-set files (packed_avx512.cpp, packed_avx2.cpp) after their #pragma GCC target, so
// every instantiation is compiled for that instruction set. `Vec` supplies the vector type and
// five operations (zero, load, store, broadcast, fma); see those files.
#pragma once

#include <cstdint>

namespace mylinearops {
namespace packed {
namespace {

// C tile (R rows, NV vectors) = Ap (kc, R of PANEL) @ B (kc, NV vectors, row stride ldb)
// [+ C or + bias]. The R x NV accumulators are named registers: the loops over i and v have
// constant trip counts and are unrolled completely, so `acc` never touches memory inside the k loop.
template <class Vec, int R, int NV, int PANEL>
void micro_kernel(int64_t kc, const typename Vec::T* __restrict Ap,
                  const typename Vec::T* __restrict Bp, int64_t ldb, typename Vec::T* __restrict C,
                  int64_t ldc, const typename Vec::T* __restrict bias, bool accumulate) {
  using T = typename Vec::T;
  using Reg = typename Vec::Reg;
  constexpr int L = Vec::kLanes;
  Reg acc[R][NV];
#pragma GCC unroll 32
  for (int i = 0; i < R; ++i)
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) acc[i][v] = Vec::zero();

  for (int64_t k = 0; k < kc; ++k) {
    const T* a = Ap + k * PANEL;  // this k's column of the tile's rows (PANEL values, R used)
    const T* b = Bp + k * ldb;    // this k's row of the tile's columns
    Reg bv[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) bv[v] = Vec::load(b + v * L);
#pragma GCC unroll 32
    for (int i = 0; i < R; ++i) {
      const Reg ai = Vec::broadcast(a + i);  // one A value in every lane
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) acc[i][v] = Vec::fma(ai, bv[v], acc[i][v]);  // += ai * b
    }
  }

#pragma GCC unroll 32
  for (int i = 0; i < R; ++i) {
    T* c = C + i * ldc;
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) {
      Reg out = acc[i][v];
      if (accumulate) {
        out = Vec::add(out, Vec::load(c + v * L));
      } else if (bias != nullptr) {
        out = Vec::add(out, Vec::load(bias + v * L));  // the bias fused into the first k-slice
      }
      Vec::store(c + v * L, out);
    }
  }
}

// Fills tiles[w][r - 1] for r = R, R - 1, ..., 1 (a recursion, to stay clear of <utility>).
template <class Vec, int MR, int R>
void fill_tiles(MicroKernel<typename Vec::T>& uk) {
  uk.tiles[0][R - 1] = &micro_kernel<Vec, R, 1, MR>;
  uk.tiles[1][R - 1] = &micro_kernel<Vec, R, 2, MR>;
  if constexpr (R > 1) fill_tiles<Vec, MR, R - 1>(uk);
}

// The micro-kernel of one instruction set and type: a full MR x (2 vectors) tile and its edges.
template <class Vec, int MR>
MicroKernel<typename Vec::T> make_micro_kernel(const char* isa) {
  static_assert(MR <= kMaxMR, "MicroKernel::tiles holds kMaxMR rows");
  MicroKernel<typename Vec::T> uk{isa, MR, 2 * Vec::kLanes, {}};
  fill_tiles<Vec, MR, MR>(uk);
  return uk;
}

}  // namespace
}  // namespace packed
}  // namespace mylinearops
