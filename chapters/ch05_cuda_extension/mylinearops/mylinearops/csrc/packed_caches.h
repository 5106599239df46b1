// The packed rung's cache blocks, from this machine's caches (see packed_caches.cpp).
#pragma once

#include <cstdint>

namespace mylinearops {
namespace packed {

// Per core: the L1 data cache and the L2; the L3 as the core sees it (shared with the others).
struct CacheSizes {
  int64_t l1d, l2, l3;  // bytes
  const char* source;   // where they came from: "sysfs", "sysconf" or "fallback (Zen 5)"
};

// The block sizes of section 4, step 3: KC (rows of a B panel), MC (rows of A a task keeps in L2)
// and the L3 budget in bytes (NC = budget / (K * itemsize) columns of B are packed at a time).
struct Blocking {
  int64_t kc, mc, l3_budget;
};

constexpr int64_t kAnyK = 0;  // blocking_from_caches for no particular K: the largest KC

// A pure function of the caches, the register tile (mr x nr values of `itemsize` bytes) and the
// product's K (K is cut into equal K-slices of at most the largest KC).
Blocking blocking_from_caches(const CacheSizes& caches, int64_t mr, int64_t nr, int64_t itemsize,
                              int64_t k = kAnyK);

// This machine's caches, read once: sysfs, else sysconf (glibc asks CPUID), else the constants of
// the machine the kernel was first tuned on (AMD EPYC Zen 5: 48 KiB, 1 MiB, 32 MiB).
const CacheSizes& machine_caches();

}  // namespace packed
}  // namespace mylinearops
