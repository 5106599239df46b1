// Rung 4, "packed": C = A @ B (+ bias) the way BLAS libraries do it (the GotoBLAS / BLIS design).
//
//   1. pack: copy A into panels of MR rows and B into panels of NR columns, both cut into K-slices
//      of KC; a panel holds its values contiguous, in the order the micro-kernel reads them
//   2. cut C into tasks (a block of rows x a block of columns); the threads take them in turn
//   3. in a task, for each K-slice:
//        for each B panel (KC x NR) of the task's columns:      stays in L1 while ...
//          for each A panel (MR x KC) of the task's rows:       ... the A panels stream from L2
//            micro-kernel: C tile (MR x NR) += A panel @ B panel, in vector registers
//
// The micro-kernels (the only instruction-set specific code) are in packed_avx512.cpp and
// packed_avx2.cpp; this file is portable C++ and picks one at run time from what the CPU has.
//
// Unlike the other CPU rungs, this one reads A and B through their strides: a transposed view
// (the backward's B^T and A^T) is packed straight from where it lies, with no .contiguous() copy.
// And it can add a bias while it writes C (linearop's X @ W + b in one pass).
#include "matmul_packed.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "packed_caches.h"
#include "packed_kernels.h"

namespace mylinearops {
namespace packed {
namespace {

// ---- cache blocking ------------------------------------------------------------------------------
// KC, MC and the L3 budget follow from this machine's caches (packed_caches.cpp says how).
template <typename T>
Blocking blocking_for(const MicroKernel<T>& uk, int64_t K) {
  return blocking_from_caches(machine_caches(), uk.mr, uk.nr, sizeof(T), K);
}

// Below kParallelMinMacs multiply-adds (about 30 us of one core's work), the tasks below (two
// parallel regions, packing then computing) cost more to hand out than the threads save. From
// kSplitMinMacs up to there, a product still uses the threads, in one region and with no shared
// buffer: each thread computes its own columns of C (gemm_by_columns). Below kSplitMinMacs
// (about 10 us) it runs on one thread. On a busy machine a thread that waits for another can
// lose its core for a whole scheduler slice (milliseconds), so none of this waits more than once.
// The MLP's 32 x 256 x 256 products (2^21) are split by columns; 32 x 64 x 256 (2^19) is not.
constexpr int64_t kParallelMinMacs = 1 << 22;
constexpr int64_t kSplitMinMacs = 1 << 20;

// Packing B pays off when each B panel then meets many A panels. When it meets at most this many
// (with MR = 14: A has at most 56 rows, a mini-batch of 32 say), the copy costs more than it
// saves, and a row-major B is read where it lies: one row of a panel is NR contiguous values
// either way. Only a ragged last panel is still packed (zero-padded): no tile reads past B's rows.
constexpr int64_t kDirectBMaxAPanels = 4;

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

// ---- packing buffers -----------------------------------------------------------------------------
// One grow-only, 64-byte aligned buffer per calling thread and operand: a training loop calls the
// op thousands of times with the same shapes, and must not pay an allocation each time.
struct AlignedFree {
  void operator()(void* p) const { std::free(p); }
};

template <typename T>
T* scratch(std::unique_ptr<void, AlignedFree>& holder, size_t& capacity, int64_t count) {
  const size_t bytes = static_cast<size_t>(count) * sizeof(T);
  if (bytes > capacity) {
    const size_t rounded = (bytes + 63) / 64 * 64;  // aligned_alloc wants a multiple of 64
    holder.reset(std::aligned_alloc(64, rounded));
    TORCH_CHECK(holder, "mylinearops.matmul(packed): out of memory for ", rounded, " bytes");
    capacity = rounded;
  }
  return static_cast<T*>(holder.get());
}

struct Scratch {
  std::unique_ptr<void, AlignedFree> a, b;
  size_t a_bytes = 0, b_bytes = 0;
};
thread_local Scratch tls_scratch;

// ---- packing -------------------------------------------------------------------------------------
// An operand is read through its strides: element (r, c) is data[r * rs + c * cs]. Row-major has
// cs == 1, its transpose rs == 1; both (and any other view) pack correctly, each loop order below
// is just the faster one for the common case.

// dst[k * ld_dst + j] = src[j * ld_src + k] for k < kc, j < cols: `cols` runs of kc contiguous
// values become kc runs of `cols`. Done 16 k at a time (a cache line of floats from each run),
// so that the writes stay within 16 rows of dst; a fixed-length inner loop the compiler unrolls.
template <typename T>
void transpose_runs(const T* src, int64_t ld_src, int64_t kc, int64_t cols, T* __restrict dst,
                    int64_t ld_dst) {
  constexpr int64_t kBlock = 16;
  int64_t k0 = 0;
  for (; k0 + kBlock <= kc; k0 += kBlock)
    for (int64_t j = 0; j < cols; ++j) {
      const T* run = src + j * ld_src + k0;
      T* out = dst + k0 * ld_dst + j;
#pragma GCC unroll 16
      for (int64_t k = 0; k < kBlock; ++k) out[k * ld_dst] = run[k];
    }
  for (int64_t j = 0; j < cols; ++j)  // the last kc % 16 values of each run
    for (int64_t k = k0; k < kc; ++k) dst[k * ld_dst + j] = src[j * ld_src + k];
}

// A[r0:r0+rows, k0:k0+kc] -> dst (kc, MR): for each k, the MR values of that column; rows past
// `rows` are zero so the micro-kernel can always compute a full tile. `pack_a16` (nullptr, or the
// instruction set's: 16 values of k at a time in registers) packs a row-major A.
template <typename T>
void pack_a_panel(const T* A, int64_t rs, int64_t cs, int64_t r0, int64_t rows, int64_t k0,
                  int64_t kc, int64_t MR, T* __restrict dst,
                  void (*pack_a16)(const T*, int64_t, int64_t, T*) = nullptr) {
  const T* src = A + r0 * rs + k0 * cs;
  if (rows < MR) std::fill(dst, dst + kc * MR, T(0));
  if (cs == 1) {  // row-major: each row is a contiguous run along k
    int64_t k = 0;
    if (pack_a16 != nullptr)
      for (; k + 16 <= kc; k += 16) pack_a16(src + k, rs, rows, dst + k * MR);
    transpose_runs(src + k, rs, kc - k, rows, dst + k * MR, MR);
  } else {  // e.g. a transposed view (the backward's X^T): each k is a contiguous run of rows
    for (int64_t k = 0; k < kc; ++k)
      for (int64_t i = 0; i < rows; ++i) dst[k * MR + i] = src[i * rs + k * cs];
  }
}

// B[k0:k0+kc, j0:j0+cols] -> dst (kc, NR): for each k, the NR values of that row, zero past cols.
// `transpose16` (nullptr, or the instruction set's 16 x 16 block transpose) packs a transposed view.
template <typename T>
void pack_b_panel(const T* B, int64_t rs, int64_t cs, int64_t k0, int64_t kc, int64_t j0,
                  int64_t cols, int64_t NR, T* __restrict dst,
                  void (*transpose16)(const T*, int64_t, T*, int64_t)) {
  const T* src = B + k0 * rs + j0 * cs;
  if (cols < NR) std::fill(dst, dst + kc * NR, T(0));
  if (cs == 1) {  // row-major: each k is a contiguous run of cols values
    for (int64_t k = 0; k < kc; ++k) std::memcpy(dst + k * NR, src + k * rs, cols * sizeof(T));
  } else if (rs == 1) {  // a transposed view (the backward's W^T): each column is a run along k
    int64_t j = 0;
    if (transpose16 != nullptr) {  // whole 16 x 16 blocks in registers, the rest value by value
      for (; j + 16 <= cols; j += 16) {
        int64_t k = 0;
        for (; k + 16 <= kc; k += 16) transpose16(src + j * cs + k, cs, dst + k * NR + j, NR);
        transpose_runs(src + j * cs + k, cs, kc - k, 16, dst + k * NR + j, NR);
      }
    }
    transpose_runs(src + j * cs, cs, kc, cols - j, dst + j, NR);
  } else {  // any other view
    for (int64_t k = 0; k < kc; ++k)
      for (int64_t j = 0; j < cols; ++j) dst[k * NR + j] = src[k * rs + j * cs];
  }
}

// ---- the macro-kernel ----------------------------------------------------------------------------
template <typename T>
struct Operands {
  const T* A;
  int64_t a_rs, a_cs;
  const T* B;
  int64_t b_rs, b_cs;
  const T* bias;  // (N,) contiguous, or nullptr
  T* C;           // (M, N) row-major, written (not read) on the first K-slice
  int64_t M, K, N;
};

// One register tile of C, `rows` x `cols`. A tile of whole vectors (NR columns, or NR / 2 at the
// right edge) goes straight to C, with the micro-kernel for that many rows: a ragged bottom edge
// costs what it computes. A ragged right edge is computed a vector or two wide into a small
// buffer (the packed panels are zero-padded, so that is always legal) and only its valid part is
// copied: a few tiles along one edge, never a slow path for the whole matrix.
template <typename T>
void run_tile(const MicroKernel<T>& uk, int64_t kc, const T* Ap, const T* Bp, int64_t ldb, T* C,
              int64_t ldc, int64_t rows, int64_t cols, const T* bias, bool accumulate) {
  const int64_t half = uk.nr / 2;
  const int vectors = cols > half ? 1 : 0;  // tiles[] index: one vector or two
  if (cols == uk.nr || cols == half) {
    uk.tiles[vectors][rows - 1](kc, Ap, Bp, ldb, C, ldc, bias, accumulate);
    return;
  }
  alignas(64) T tile[kMaxMR * 64];  // the largest tile any micro-kernel here uses
  uk.tiles[vectors][rows - 1](kc, Ap, Bp, ldb, tile, uk.nr, nullptr, false);
  for (int64_t i = 0; i < rows; ++i) {
    T* c = C + i * ldc;
    const T* t = tile + i * uk.nr;
    if (accumulate) {
      for (int64_t j = 0; j < cols; ++j) c[j] += t[j];
    } else if (bias != nullptr) {
      for (int64_t j = 0; j < cols; ++j) c[j] = t[j] + bias[j];
    } else {
      for (int64_t j = 0; j < cols; ++j) c[j] = t[j];
    }
  }
}

// One column panel of C for one K-slice: B's panel (packed, ldb = NR, or B itself where it lies)
// against A's panels q_begin..q_end (MR rows each, of `rows` in all), C's tiles from C0 down.
template <typename T>
void run_column_panel(const MicroKernel<T>& uk, int64_t kc, int64_t panel_stride, const T* As,
                      int64_t q_begin, int64_t q_end, int64_t rows, const T* Bpanel, int64_t ldb,
                      T* C0, int64_t ldc, int64_t cols, const T* bias, bool accumulate) {
  for (int64_t q = q_begin; q < q_end; ++q)
    run_tile(uk, kc, As + q * panel_stride, Bpanel, ldb, C0 + q * uk.mr * ldc, ldc,
             std::min(uk.mr, rows - q * uk.mr), cols, bias, accumulate);
}

// Runs task(0) ... task(count - 1) on up to `threads` threads. Each thread takes the next
// undone task from a shared counter until none is left: on a machine shared with other work,
// a thread that gets less CPU time simply ends up doing fewer tasks, and nobody waits for it.
template <typename F>
void run_tasks(int64_t count, int64_t threads, const F& task) {
  if (threads <= 1 || count <= 1) {
    for (int64_t t = 0; t < count; ++t) task(t);
    return;
  }
  std::atomic<int64_t> next{0};
  at::parallel_for(0, std::min(threads, count), 1, [&](int64_t, int64_t) {
    for (int64_t t = next++; t < count; t = next++) task(t);
  });
}

// A small product on several threads: the B panels are dealt out in `groups` runs of columns,
// and each thread packs all of A (small, or the product would not be small) and its own B panels
// into its own scratch, then computes its columns of C. Packing A once per thread repeats a
// little work so that nobody waits for anybody: one parallel region, no shared buffer.
template <typename T>
void gemm_by_columns(const MicroKernel<T>& uk, const Blocking& blk, const Operands<T>& op,
                     int64_t groups) {
  const int64_t MR = uk.mr, NR = uk.nr, M = op.M, K = op.K, N = op.N;
  const int64_t k_slices = ceil_div(K, blk.kc), m_panels = ceil_div(M, MR);
  const int64_t n_panels = ceil_div(N, NR);
  const bool direct_b = op.b_cs == 1 && m_panels <= kDirectBMaxAPanels;
  at::parallel_for(0, groups, 1, [&](int64_t g0, int64_t g1) {
    Scratch& buffers = tls_scratch;  // this thread's own
    for (int64_t g = g0; g < g1; ++g) {
      const int64_t p_begin = g * n_panels / groups, p_end = (g + 1) * n_panels / groups;
      const int64_t panels = p_end - p_begin;
      T* Ap = scratch<T>(buffers.a, buffers.a_bytes, k_slices * m_panels * blk.kc * MR);
      T* Bp = scratch<T>(buffers.b, buffers.b_bytes, k_slices * panels * blk.kc * NR);
      for (int64_t s = 0; s < k_slices; ++s) {
        const int64_t pc = s * blk.kc, kc = std::min(blk.kc, K - pc);
        T* As = Ap + s * m_panels * blk.kc * MR;
        T* Bs = Bp + s * panels * blk.kc * NR;
        for (int64_t q = 0; q < m_panels; ++q)
          pack_a_panel(op.A, op.a_rs, op.a_cs, q * MR, std::min(MR, M - q * MR), pc, kc, MR,
                       As + q * blk.kc * MR, uk.pack_a16);
        for (int64_t p = p_begin; p < p_end; ++p) {
          const int64_t j = p * NR, cols = std::min(NR, N - j);
          const bool in_place = direct_b && cols == NR;
          if (!in_place)
            pack_b_panel(op.B, op.b_rs, op.b_cs, pc, kc, j, cols, NR,
                         Bs + (p - p_begin) * blk.kc * NR, uk.transpose16);
          const T* Bpanel = in_place ? op.B + pc * op.b_rs + j : Bs + (p - p_begin) * blk.kc * NR;
          const int64_t ldb = in_place ? op.b_rs : NR;
          const T* bias = op.bias != nullptr ? op.bias + j : nullptr;
          run_column_panel(uk, kc, blk.kc * MR, As, 0, m_panels, M, Bpanel, ldb, op.C + j, N, cols,
                           bias, s > 0);
        }
      }
    }
  });
}

template <typename T>
void gemm(const MicroKernel<T>& uk, const Blocking& blk, const Operands<T>& op) {
  const int64_t MR = uk.mr, NR = uk.nr;
  const int64_t M = op.M, K = op.K, N = op.N;
  const int64_t macs = M * N * K;
  if (macs >= kSplitMinMacs && macs < kParallelMinMacs && at::get_num_threads() > 1 &&
      ceil_div(N, NR) > 1) {
    gemm_by_columns(uk, blk, op, std::min<int64_t>(at::get_num_threads(), ceil_div(N, NR)));
    return;
  }
  const int64_t threads = macs < kParallelMinMacs ? 1 : at::get_num_threads();
  const int64_t k_slices = ceil_div(K, blk.kc);
  Scratch& buffers = tls_scratch;

  // NC columns of B at a time (see Blocking), and as many rows of A (which bounds its copy too).
  const int64_t bytes_per_k = K * static_cast<int64_t>(sizeof(T));
  const int64_t n_chunk = std::max<int64_t>(NR, blk.l3_budget / bytes_per_k / NR * NR);
  const int64_t m_chunk = std::max<int64_t>(MR, blk.l3_budget / bytes_per_k / MR * MR);
  for (int64_t jc = 0; jc < N; jc += n_chunk) {
    const int64_t nc = std::min(n_chunk, N - jc);
    const int64_t n_panels = ceil_div(nc, NR);
    for (int64_t ic = 0; ic < M; ic += m_chunk) {
      const int64_t mc = std::min(m_chunk, M - ic);
      const int64_t m_panels = ceil_div(mc, MR);
      const bool direct_b = op.b_cs == 1 && m_panels <= kDirectBMaxAPanels;
      // Packed layout: K-slice s of B panel p at Bp + (s * n_panels + p) * KC * NR, likewise A.
      T* Ap = scratch<T>(buffers.a, buffers.a_bytes, k_slices * m_panels * blk.kc * MR);
      T* Bp = scratch<T>(buffers.b, buffers.b_bytes, k_slices * n_panels * blk.kc * NR);
      const bool pack_b = ic == 0;  // B's chunk is packed once, for every chunk of A's rows
      const int64_t a_units = k_slices * m_panels, b_units = pack_b ? k_slices * n_panels : 0;
      run_tasks(a_units + b_units, threads, [&](int64_t u) {  // pack A and B in one go
        const bool is_a = u < a_units;
        const int64_t panels = is_a ? m_panels : n_panels;
        const int64_t s = (is_a ? u : u - a_units) / panels, p = (is_a ? u : u - a_units) % panels;
        const int64_t pc = s * blk.kc, kc = std::min(blk.kc, K - pc);
        if (!is_a && direct_b && nc - p * NR >= NR) return;  // read in place, not packed
        if (is_a) {
          pack_a_panel(op.A, op.a_rs, op.a_cs, ic + p * MR, std::min(MR, mc - p * MR), pc, kc, MR,
                       Ap + u * blk.kc * MR, uk.pack_a16);
        } else {
          pack_b_panel(op.B, op.b_rs, op.b_cs, pc, kc, jc + p * NR, std::min(NR, nc - p * NR), NR,
                       Bp + (u - a_units) * blk.kc * NR, uk.transpose16);
        }
      });

      // Tasks: blocks of C, row blocks of at most MC rows x column blocks of B panels; at least
      // 4 per thread so that the shared counter can even out the threads.
      const int64_t want = 4 * threads;
      int64_t row_blocks = ceil_div(mc, blk.mc);
      const int64_t col_blocks =
          std::min(n_panels, std::max<int64_t>(1, ceil_div(want, row_blocks)));
      row_blocks = std::min(m_panels, std::max(row_blocks, ceil_div(want, col_blocks)));
      const int64_t q_per_block = ceil_div(m_panels, row_blocks);
      const int64_t p_per_block = ceil_div(n_panels, col_blocks);
      run_tasks(row_blocks * col_blocks, threads, [&](int64_t t) {
        const int64_t q_begin = (t / col_blocks) * q_per_block;
        const int64_t q_end = std::min(m_panels, q_begin + q_per_block);
        const int64_t p_begin = (t % col_blocks) * p_per_block;
        const int64_t p_end = std::min(n_panels, p_begin + p_per_block);
        for (int64_t s = 0; s < k_slices; ++s) {
          const int64_t kc = std::min(blk.kc, K - s * blk.kc);
          const bool accumulate = s > 0;  // the first K-slice writes C (and the bias), later add
          const T* As = Ap + s * m_panels * blk.kc * MR;
          const T* Bs = Bp + s * n_panels * blk.kc * NR;
          for (int64_t p = p_begin; p < p_end; ++p) {  // this B panel stays in L1 ...
            const int64_t j = jc + p * NR, cols = std::min(NR, nc - p * NR);
            const T* bias = op.bias != nullptr ? op.bias + j : nullptr;
            const bool in_place = direct_b && cols == NR;
            const T* Bpanel = in_place ? op.B + s * blk.kc * op.b_rs + j : Bs + p * blk.kc * NR;
            const int64_t ldb = in_place ? op.b_rs : NR;
            // ... while the A panels stream by
            run_column_panel(uk, kc, blk.kc * MR, As, q_begin, q_end, mc, Bpanel, ldb,
                             op.C + ic * N + j, N, cols, bias, accumulate);
          }
        }
      });
    }
  }
}

// ---- which micro-kernel this CPU can run ---------------------------------------------------------
// __builtin_cpu_supports reads CPUID once (and libgcc also checks that the OS saves the wider
// registers); an AVX-512 instruction on a CPU without it would kill the process (SIGILL).
bool cpu_has_avx512() { return __builtin_cpu_supports("avx512f"); }
bool cpu_has_avx2_fma() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }

template <typename T>
const MicroKernel<T>* kernel_for(Isa isa);

template <>
const MicroKernel<float>* kernel_for<float>(Isa isa) {
  static const MicroKernel<float> k512 = avx512_kernel_f32(), k2 = avx2_kernel_f32();
  if (isa == Isa::kAvx512) return cpu_has_avx512() ? &k512 : nullptr;
  if (isa == Isa::kAvx2) return cpu_has_avx2_fma() ? &k2 : nullptr;
  return cpu_has_avx512() ? &k512 : cpu_has_avx2_fma() ? &k2 : nullptr;
}

template <>
const MicroKernel<double>* kernel_for<double>(Isa isa) {
  static const MicroKernel<double> k512 = avx512_kernel_f64(), k2 = avx2_kernel_f64();
  if (isa == Isa::kAvx512) return cpu_has_avx512() ? &k512 : nullptr;
  if (isa == Isa::kAvx2) return cpu_has_avx2_fma() ? &k2 : nullptr;
  return cpu_has_avx512() ? &k512 : cpu_has_avx2_fma() ? &k2 : nullptr;
}

const char* isa_name(Isa isa) {
  return isa == Isa::kAvx512 ? "avx512" : isa == Isa::kAvx2 ? "avx2" : "best";
}

}  // namespace
}  // namespace packed

bool packed_supported(packed::Isa isa) {
  return packed::kernel_for<float>(isa) != nullptr;
}

const char* packed_isa() {
  const auto* uk = packed::kernel_for<float>(packed::Isa::kBest);
  return uk != nullptr ? uk->isa : "none";
}

at::Tensor matmul_packed_strided(const at::Tensor& a, const at::Tensor& b,
                                 const std::optional<at::Tensor>& bias, packed::Isa isa) {
  TORCH_CHECK(a.dim() == 2 && b.dim() == 2, "mylinearops.matmul(packed): A and B must be 2-D");
  TORCH_CHECK(a.device().is_cpu() && b.device().is_cpu(),
              "mylinearops.matmul(packed): a CPU kernel, got ", a.device(), " and ", b.device());
  TORCH_CHECK(a.scalar_type() == b.scalar_type(),
              "mylinearops.matmul(packed): dtypes differ: ", a.scalar_type(), " and ",
              b.scalar_type());
  TORCH_CHECK(a.size(1) == b.size(0), "mylinearops.matmul(packed): inner dimensions differ: ",
              a.sizes(), " and ", b.sizes());
  const int64_t M = a.size(0), K = a.size(1), N = b.size(1);
  at::Tensor bias_c;
  if (bias.has_value()) {
    TORCH_CHECK(bias->dim() == 1 && bias->size(0) == N && bias->scalar_type() == a.scalar_type(),
                "mylinearops.matmul(packed): bias must be (", N, ",) of A's dtype");
    bias_c = bias->contiguous();  // N values: the micro-kernel loads them as vectors
  }
  at::Tensor c = at::empty({M, N}, a.options().memory_format(at::MemoryFormat::Contiguous));
  if (c.numel() == 0) return c;
  if (K == 0) {  // a sum over nothing: C is the bias, or zero
    return bias_c.defined() ? c.copy_(bias_c.expand({M, N})) : c.zero_();
  }
  AT_DISPATCH_FLOATING_TYPES(a.scalar_type(), "mylinearops_matmul_packed", [&] {
    const packed::MicroKernel<scalar_t>* uk = packed::kernel_for<scalar_t>(isa);
    TORCH_CHECK(uk != nullptr, "mylinearops.matmul(packed): this CPU has no ",
                packed::isa_name(isa), " support (needs AVX2+FMA or AVX-512F)");
    const packed::Operands<scalar_t> op{
        a.data_ptr<scalar_t>(), a.stride(0), a.stride(1),
        b.data_ptr<scalar_t>(), b.stride(0), b.stride(1),
        bias_c.defined() ? bias_c.data_ptr<scalar_t>() : nullptr,
        c.data_ptr<scalar_t>(), M, K, N};
    packed::gemm(*uk, packed::blocking_for(*uk, K), op);
  });
  return c;
}

std::vector<int64_t> packed_blocking(at::ScalarType dtype) {
  TORCH_CHECK(dtype == at::kFloat || dtype == at::kDouble,
              "packed_blocking: float32 or float64, got ", dtype);
  std::vector<int64_t> sizes;
  AT_DISPATCH_FLOATING_TYPES(dtype, "packed_blocking", [&] {
    const packed::MicroKernel<scalar_t>* uk = packed::kernel_for<scalar_t>(packed::Isa::kBest);
    TORCH_CHECK(uk != nullptr, "packed_blocking: this CPU has neither AVX2+FMA nor AVX-512F");
    const packed::Blocking blk = packed::blocking_for(*uk, packed::kAnyK);
    sizes = {uk->mr, uk->nr, blk.kc, blk.mc, blk.l3_budget};
  });
  return sizes;
}

double packed_micro_kernel_gflops(packed::Isa isa, int64_t kc, int64_t calls) {
  const packed::MicroKernel<float>* uk = packed::kernel_for<float>(isa);
  TORCH_CHECK(uk != nullptr, "packed_micro_kernel_gflops: this CPU has no ", packed::isa_name(isa));
  TORCH_CHECK(kc > 0 && calls > 0, "packed_micro_kernel_gflops: kc and calls must be > 0");
  // One A panel, one B panel and one tile of C, touched once before timing: all in L1 (at KC).
  std::vector<float> a(kc * uk->mr, 1e-3f), b(kc * uk->nr, 1e-3f), c(uk->mr * uk->nr, 0.0f);
  const packed::MicroKernelFn<float> full = uk->full();
  full(kc, a.data(), b.data(), uk->nr, c.data(), uk->nr, nullptr, false);
  const auto start = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < calls; ++i)
    full(kc, a.data(), b.data(), uk->nr, c.data(), uk->nr, nullptr, i > 0);
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  return 2.0 * uk->mr * uk->nr * kc * calls / seconds.count() / 1e9;
}

std::vector<double> packed_pack_seconds(const at::Tensor& a, const at::Tensor& b, packed::Isa isa) {
  TORCH_CHECK(a.dim() == 2 && b.dim() == 2 && a.size(1) == b.size(0) && a.numel() > 0 &&
              b.numel() > 0 && a.scalar_type() == at::kFloat && b.scalar_type() == at::kFloat,
              "packed_pack_seconds: A (M, K) and B (K, N), float32, none empty");
  const packed::MicroKernel<float>* uk = packed::kernel_for<float>(isa);
  TORCH_CHECK(uk != nullptr, "packed_pack_seconds: this CPU has no ", packed::isa_name(isa));
  const int64_t M = a.size(0), K = a.size(1), N = b.size(1), MR = uk->mr, NR = uk->nr;
  const packed::Blocking blk = packed::blocking_for(*uk, K);
  const int64_t k_slices = packed::ceil_div(K, blk.kc);
  const int64_t m_panels = packed::ceil_div(M, MR), n_panels = packed::ceil_div(N, NR);
  packed::Scratch& buffers = packed::tls_scratch;
  float* Ap = packed::scratch<float>(buffers.a, buffers.a_bytes, k_slices * m_panels * blk.kc * MR);
  float* Bp = packed::scratch<float>(buffers.b, buffers.b_bytes, k_slices * n_panels * blk.kc * NR);
  const float *A = a.data_ptr<float>(), *B = b.data_ptr<float>();
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  for (int64_t s = 0; s < k_slices; ++s)
    for (int64_t q = 0; q < m_panels; ++q)
      packed::pack_a_panel(A, a.stride(0), a.stride(1), q * MR, std::min(MR, M - q * MR),
                           s * blk.kc, std::min(blk.kc, K - s * blk.kc), MR,
                           Ap + (s * m_panels + q) * blk.kc * MR, uk->pack_a16);
  const auto t1 = clock::now();
  for (int64_t s = 0; s < k_slices; ++s)
    for (int64_t p = 0; p < n_panels; ++p)
      packed::pack_b_panel(B, b.stride(0), b.stride(1), s * blk.kc,
                           std::min(blk.kc, K - s * blk.kc), p * NR, std::min(NR, N - p * NR), NR,
                           Bp + (s * n_panels + p) * blk.kc * NR, uk->transpose16);
  const auto t2 = clock::now();
  return {std::chrono::duration<double>(t1 - t0).count(),
          std::chrono::duration<double>(t2 - t1).count()};
}

template <typename T>
void matmul_packed(const T* A, const T* B, T* C, int64_t M, int64_t K, int64_t N) {
  const packed::MicroKernel<T>* uk = packed::kernel_for<T>(packed::Isa::kBest);
  TORCH_CHECK(uk != nullptr, "mylinearops.matmul: algo='packed' needs a CPU with AVX2+FMA or "
              "AVX-512F, and this one has neither (use 'blocked')");
  packed::gemm(*uk, packed::blocking_for(*uk, K),
               packed::Operands<T>{A, K, 1, B, N, 1, nullptr, C, M, K, N});
}

template void matmul_packed<float>(const float*, const float*, float*, int64_t, int64_t, int64_t);
template void matmul_packed<double>(const double*, const double*, double*, int64_t, int64_t,
                                    int64_t);

}  // namespace mylinearops
