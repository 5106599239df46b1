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

// C[0:MR, 0:NR] (row stride ldc) = Ap (kc, MR) @ Bp (kc, NR)  +  C        when accumulate
//                                = Ap (kc, MR) @ Bp (kc, NR)  +  bias[0:NR] (or nothing) otherwise
// Ap and Bp are packed panels: for each k, MR values of A (a column of the tile's rows), then NR
// values of B (a row of the tile's columns), contiguous.
template <typename T>
using MicroKernelFn = void (*)(int64_t kc, const T* Ap, const T* Bp, T* C, int64_t ldc,
                               const T* bias, bool accumulate);

template <typename T>
struct MicroKernel {
  const char* isa;  // "avx512" or "avx2": what the function was compiled for
  int64_t mr;       // rows of the register tile
  int64_t nr;       // columns of the register tile (a whole number of vectors)
  MicroKernelFn<T> run;
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
