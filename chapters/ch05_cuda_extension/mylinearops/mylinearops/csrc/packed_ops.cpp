// The packed rung's extra ops, for the benchmark and the tests (torch.ops.mylinearops.*):
//
//   packed_isa()                         which micro-kernel "packed" runs on this CPU
//   packed_blocking(dtype)               its tile and block sizes [MR, NR, KC, MC, L3 budget]
//   packed_caches()                      the caches they were derived from, and where they were read
//   packed_block_sizes(mr, nr, ...)      [KC, MC, L3 budget] for given caches (a pure function)
//   packed_matmul(a, b, bias, isa)       the packed kernel with a chosen instruction set
//   cpu_peak_gflops(isa, seconds, reps)  this CPU's peak float32 GFLOP/s, measured
//   packed_micro_kernel_gflops(isa, kc, calls)  the micro-kernel alone, L1-resident, one thread
//   packed_pack_seconds(a, b, isa)       one thread's seconds to pack all of A and all of B
//
// The peak: every thread runs a loop of independent vector multiply-adds (packed_avx512.cpp /
// packed_avx2.cpp) at the same time, and we divide the flops by the wall time. That is cores x
// FMA units x lanes x 2 x the clock the cores really run at, with no label to trust. The
// benchmark prints each kernel's GFLOP/s as a share of it (a roofline).
//
// Only the _C module registers these (setup.py leaves this file out of the pybind11 module).
#include <ATen/Parallel.h>
#include <torch/library.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "matmul_packed.h"
#include "packed_caches.h"
#include "packed_kernels.h"

namespace mylinearops {
namespace {

using FmaLoop = double (*)(int64_t);

// Seconds for all threads to run `iterations` rounds each; returns the total flops over that time.
double gflops_once(FmaLoop loop, int64_t iterations, int64_t threads) {
  std::vector<double> flops(static_cast<size_t>(threads), 0.0);
  const auto start = std::chrono::steady_clock::now();
  at::parallel_for(0, threads, 1, [&](int64_t t0, int64_t t1) {
    for (int64_t t = t0; t < t1; ++t) flops[t] = loop(iterations);
  });
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  double total = 0;
  for (double f : flops) total += f;
  return total / seconds.count() / 1e9;
}

// The best of `repeats` runs of about `seconds` each (the best: other work on the machine can only
// slow a run down, never speed it up).
double cpu_peak_gflops(c10::string_view isa_name, double seconds, int64_t repeats) {
  const std::string isa(isa_name);
  TORCH_CHECK(isa == "avx512" || isa == "avx2",
              "cpu_peak_gflops: isa must be 'avx512' or 'avx2', got '", isa, "'");
  const bool wide = isa == "avx512";
  TORCH_CHECK(packed_supported(wide ? packed::Isa::kAvx512 : packed::Isa::kAvx2),
              "cpu_peak_gflops: this CPU has no ", isa);
  TORCH_CHECK(seconds > 0 && repeats > 0, "cpu_peak_gflops: seconds and repeats must be > 0");
  const FmaLoop loop = wide ? &packed::fma_peak_loop_avx512 : &packed::fma_peak_loop_avx2;
  const int64_t threads = at::get_num_threads();
  // Calibrate on this thread alone (a parallel probe would also time waking the other threads):
  // double the rounds until one run lasts a millisecond, then scale that to `seconds`.
  int64_t rounds = 1000;
  double probe_seconds = 0;
  for (;;) {
    const auto start = std::chrono::steady_clock::now();
    loop(rounds);
    probe_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (probe_seconds >= 1e-3) break;
    rounds *= 2;
  }
  const int64_t iterations =
      std::max<int64_t>(rounds, static_cast<int64_t>(rounds * seconds / probe_seconds));
  gflops_once(loop, rounds, threads);  // warm-up: starts the thread pool, untimed
  double best = 0;
  for (int64_t r = 0; r < repeats; ++r) best = std::max(best, gflops_once(loop, iterations, threads));
  return best;
}

packed::Isa parse_isa(c10::string_view name) {
  if (name == "best") return packed::Isa::kBest;
  if (name == "avx512") return packed::Isa::kAvx512;
  if (name == "avx2") return packed::Isa::kAvx2;
  TORCH_CHECK(false, "packed: isa must be 'best', 'avx512' or 'avx2', got '", std::string(name),
              "'");
  return packed::Isa::kBest;  // not reached
}

double micro_kernel_gflops(c10::string_view isa, int64_t kc, int64_t calls) {
  return packed_micro_kernel_gflops(parse_isa(isa), kc, calls);
}

std::vector<double> pack_seconds(const at::Tensor& a, const at::Tensor& b, c10::string_view isa) {
  return packed_pack_seconds(a, b, parse_isa(isa));
}

at::Tensor packed_matmul(const at::Tensor& a, const at::Tensor& b,
                         const std::optional<at::Tensor>& bias, c10::string_view isa) {
  return matmul_packed_strided(a, b, bias, parse_isa(isa));
}

std::tuple<std::vector<int64_t>, std::string> packed_caches() {
  const packed::CacheSizes& c = packed::machine_caches();
  return {{c.l1d, c.l2, c.l3}, c.source};
}

std::vector<int64_t> packed_block_sizes(int64_t mr, int64_t nr, int64_t itemsize, int64_t l1d,
                                        int64_t l2, int64_t l3, int64_t k) {
  TORCH_CHECK(mr > 0 && nr > 0 && itemsize > 0 && l1d > 0 && l2 > 0 && l3 > 0 && k >= 0,
              "packed_block_sizes: every size must be > 0 (k: >= 0, 0 for any K)");
  const packed::Blocking b =
      packed::blocking_from_caches({l1d, l2, l3, "given"}, mr, nr, itemsize, k);
  return {b.kc, b.mc, b.l3_budget};
}

}  // namespace

TORCH_LIBRARY_FRAGMENT(mylinearops, m) {
  // The instruction set the packed kernel uses on this CPU: "avx512", "avx2" or "none".
  m.def("packed_isa() -> str", []() { return std::string(packed_isa()); });
  // [MR, NR, KC, MC, L3 budget in bytes] of the packed kernel for that dtype on this CPU.
  m.def("packed_blocking(ScalarType dtype) -> int[]", &packed_blocking);
  // ([L1d, L2, L3] in bytes, where they were read: "sysfs", "sysconf" or "fallback (Zen 5)").
  m.def("packed_caches() -> (int[], str)", &packed_caches);
  // [KC, MC, L3 budget in bytes] for a register tile mr x nr of itemsize bytes, given caches and
  // the product's K (0: any K, the largest KC).
  m.def("packed_block_sizes(int mr, int nr, int itemsize, int l1d, int l2, int l3, int k=0) "
        "-> int[]", &packed_block_sizes);
  // A @ B (+ bias) with the packed kernel on one instruction set ("best", "avx512", "avx2").
  m.def("packed_matmul(Tensor a, Tensor b, Tensor? bias=None, str isa=\"best\") -> Tensor",
        &packed_matmul);
  // One thread's GFLOP/s in the full micro-kernel alone, on L1-resident panels of kc values.
  m.def("packed_micro_kernel_gflops(str isa, int kc, int calls) -> float", &micro_kernel_gflops);
  // [seconds to pack all of A, all of B] on one thread, float32.
  m.def("packed_pack_seconds(Tensor a, Tensor b, str isa=\"best\") -> float[]", &pack_seconds);
  // The measured peak float32 GFLOP/s of all intra-op threads together, with that instruction set.
  m.def("cpu_peak_gflops(str isa, float seconds=0.01, int repeats=30) -> float", &cpu_peak_gflops);
}

}  // namespace mylinearops
