// The "packed" rung's interface between its two halves (no ATen here, on purpose):
//
//   matmul_packed.cpp            the macro-kernel: cache blocking, packing, threads (portable C++)
//   packed_avx512.cpp, _avx2.cpp  the micro-kernels: an MR x NR tile of C in vector registers,
//                                 each file compiled for one instruction set (#pragma GCC target)
//
// The macro-kernel asks at run time which micro-kernel this CPU can execute and calls it through
// a function pointer, once per tile (kc multiply-adds per element of the tile, so the indirect
// call costs nothing measurable).
#pragma once

#include <cstdint>

namespace mylinearops {
namespace packed {

// C[0:R, 0:W] (row stride ldc) = Ap (kc, R) @ Bp (kc, W)  +  C        when accumulate
//                               = Ap (kc, R) @ Bp (kc, W)  +  bias[0:W] (or nothing) otherwise
// for a tile of R <= MR rows and W = NR (or NR / 2) columns. Ap is a packed panel: for each k,
// MR values of A (a column of the tile's rows; only the first R are read). Bp is a packed panel
// (for each k, NR values of B, ldb = NR) or B itself where it lies (a row-major B, ldb = its row
// stride): for each k, W values of a row of B.
template <typename T>
using MicroKernelFn = void (*)(int64_t kc, const T* Ap, const T* Bp, int64_t ldb, T* C,
                               int64_t ldc, const T* bias, bool accumulate);

constexpr int kMaxMR = 14;  // the most rows any register tile here has

template <typename T>
struct MicroKernel {
  const char* isa;  // "avx512" or "avx2": what the functions were compiled for
  int64_t mr;       // rows of the register tile
  int64_t nr;       // columns of the register tile (two vectors)
  // tiles[w][r - 1]: r rows, and one vector (w = 0) or two (w = 1) of columns. tiles[1][mr - 1]
  // is the full tile; the others serve the edges, so that a ragged edge costs what it computes.
  MicroKernelFn<T> tiles[2][kMaxMR];
  MicroKernelFn<T> full() const { return tiles[1][mr - 1]; }
  // dst[k * ld_dst + j] = src[j * ld_src + k] for one 16 x 16 block, in vector registers; packs
  // the backward's W^T. nullptr where there is none (then portable code does it value by value).
  void (*transpose16)(const T* src, int64_t ld_src, T* dst, int64_t ld_dst) = nullptr;
  // dst[k * mr + i] = src[i * ld_src + k] for k < 16, i < rows (<= mr), zero for rows <= i < mr:
  // 16 values of k of a row-major A panel, in vector registers. nullptr where there is none.
  void (*pack_a16)(const T* src, int64_t ld_src, int64_t rows, T* dst) = nullptr;
};

// Defined in packed_avx512.cpp and packed_avx2.cpp. Only call one after checking the CPU
// (cpu_has_avx512 / cpu_has_avx2_fma in matmul_packed.cpp): on another CPU it is an illegal
// instruction.
MicroKernel<float> avx512_kernel_f32();
MicroKernel<double> avx512_kernel_f64();
MicroKernel<float> avx2_kernel_f32();
MicroKernel<double> avx2_kernel_f64();
// Float32 multiply-adds from registers only, `iterations` rounds: the flops done (peak.cpp times it).
double fma_peak_loop_avx512(int64_t iterations);
double fma_peak_loop_avx2(int64_t iterations);

}  // namespace packed
}  // namespace mylinearops
