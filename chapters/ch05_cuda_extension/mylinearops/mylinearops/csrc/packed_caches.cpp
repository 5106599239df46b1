// The packed rung's cache blocks, from the caches of the machine it runs on.
//
// Each block must stay in one cache level while it is reused, and we budget half of that level
// (the other half holds C's tiles, the other operand's stream and whatever else the core runs):
//
//   KC  one B panel (KC x NR) stays in L2 while the task's A panels stream past it:
//         KC = (L2 / 2) / (NR * itemsize), a multiple of 16 (whole 16 x 16 transposes);
//         a product's K is cut into equal slices of at most that
//   MC  a task's rows of A for one K-slice (MC x KC) stay in L2 while they meet each B panel:
//         MC = (L2 / 2) / (KC * itemsize), down to a multiple of MR
//   NC  the packed B (K x NC, every K-slice) stays in the shared L3, which all threads read:
//         budget = L3 / 2 bytes, NC = budget / (K * itemsize) (matmul_packed.cpp)
//
// Why the B panel lives in L2, not L1 (the textbook place, and this file's first rule, KC =
// (L1d / 2) / (NR * itemsize): 128 on a 32 KiB L1): the micro-kernel loads 2 vectors of B per 28
// multiply-adds, few enough to come from L2 at full speed, while every K-slice costs each tile
// of C a round trip to memory (load, add, store). On the Zen 4 of the lesson, KC = 128 ran
// 5-10% slower than one slice of all of K at n = 1024 and 2048 (section 4 has the measurements).
// The L1 size is still read and printed; no block depends on it.
//
// The sizes are read at run time: /sys/devices/system/cpu/cpu0/cache/index*/ (Linux), else
// sysconf(_SC_LEVEL1_DCACHE_SIZE, ...) (glibc, from CPUID), else the constants of the machine this
// kernel was first tuned on, an AMD EPYC Zen 5 (48 KiB, 1 MiB, 32 MiB), as the fallback.
#include "packed_caches.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <string>

namespace mylinearops {
namespace packed {
namespace {

constexpr CacheSizes kFallback{48 * 1024, 1024 * 1024, 32 * 1024 * 1024, "fallback (Zen 5)"};

std::string read_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// "48K", "1024K", "32M" or a plain byte count -> bytes; 0 when it is none of those.
int64_t parse_size(const std::string& text) {
  size_t used = 0;
  int64_t value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (...) {
    return 0;
  }
  const std::string unit = text.substr(used);
  if (unit.empty()) return value;
  if (unit == "K") return value * 1024;
  if (unit == "M") return value * 1024 * 1024;
  if (unit == "G") return value * 1024 * 1024 * 1024;
  return 0;
}

// cpu0's caches as Linux lists them: index0, index1, ... each with a level, a type and a size.
CacheSizes from_sysfs() {
  CacheSizes found{0, 0, 0, "sysfs"};
  for (int index = 0; index < 16; ++index) {
    const std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index);
    const std::string level = read_line(dir + "/level"), type = read_line(dir + "/type");
    if (level.empty()) break;  // no such index: the list has ended
    const int64_t size = parse_size(read_line(dir + "/size"));
    if (level == "1" && type == "Data") found.l1d = size;
    if (level == "2" && type != "Instruction") found.l2 = size;
    if (level == "3" && type != "Instruction") found.l3 = size;
  }
  return found;
}

CacheSizes from_sysconf() {
  CacheSizes found{0, 0, 0, "sysconf"};
#if defined(_SC_LEVEL1_DCACHE_SIZE)
  found.l1d = std::max<long>(0, sysconf(_SC_LEVEL1_DCACHE_SIZE));
  found.l2 = std::max<long>(0, sysconf(_SC_LEVEL2_CACHE_SIZE));
  found.l3 = std::max<long>(0, sysconf(_SC_LEVEL3_CACHE_SIZE));
#endif
  return found;
}

// Usable when L1d and L2 are known; a machine without an L3 plans its shared blocks in the L2.
bool complete(CacheSizes& c) {
  if (c.l3 == 0) c.l3 = c.l2;
  return c.l1d > 0 && c.l2 > 0;
}

}  // namespace

Blocking blocking_from_caches(const CacheSizes& caches, int64_t mr, int64_t nr, int64_t itemsize,
                              int64_t k) {
  const int64_t half_l2 = caches.l2 / 2;
  const int64_t kc_max = std::max<int64_t>(16, half_l2 / (nr * itemsize) / 16 * 16);
  int64_t kc = kc_max;
  if (k > 0) {  // equal slices, each a multiple of 16 and at most kc_max
    const int64_t slices = (k + kc_max - 1) / kc_max;
    kc = std::min(kc_max, ((k + slices - 1) / slices + 15) / 16 * 16);
  }
  const int64_t mc = std::max<int64_t>(mr, half_l2 / (kc * itemsize) / mr * mr);
  return {kc, mc, std::max<int64_t>(caches.l3 / 2, kc * nr * itemsize)};
}

const CacheSizes& machine_caches() {
  static const CacheSizes caches = [] {
    if (CacheSizes c = from_sysfs(); complete(c)) return c;
    if (CacheSizes c = from_sysconf(); complete(c)) return c;
    return kFallback;
  }();
  return caches;
}

}  // namespace packed
}  // namespace mylinearops
