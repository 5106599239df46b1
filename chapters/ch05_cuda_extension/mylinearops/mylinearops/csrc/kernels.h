// The one list of kernel names, per device. Everything else reads it: the CPU and CUDA files turn
// it into their table of {name, function}, kernels() in ops.cpp returns it, and from there Python
// (mylinearops.kernels()), the tests, the benchmarks and `make gpu-check` get their names.
//
// Each list is an "X-macro": a list of X(name) entries that a user expands with its own X. For
// example, with `#define X(name) #name ","` the CPU list becomes "naive," "ikj," "blocked,".
//
// To add a kernel: add X(your_name) to a list and define the function that entry names in that
// device's files (CPU: matmul_<name><T>, see matmul_cpu.cpp; CUDA: launch_<name><T>, see
// matmul_cuda.cu). Nothing else lists kernel names.
#pragma once

#include <c10/util/Exception.h>
#include <c10/util/string_view.h>

#include <cstddef>
#include <string>
#include <type_traits>

// CPU: X(name) calls matmul_<name><T>(A, B, C, M, K, N) on row-major data.
#define MYLINEAROPS_CPU_KERNELS(X) \
  X(naive)                         \
  X(ikj)                           \
  X(blocked)                       \
  X(packed)

// CUDA: X(name) calls launch_<name><T>(A, B, C, M, K, N, stream). The blocktiled_* entries are
// the blocktiled kernel with one fixed tile shape (the name-to-tile table is in matmul_cuda.cu);
// plain `blocktiled` picks the tile from the problem size.
#define MYLINEAROPS_CUDA_KERNELS(X) \
  X(naive)                          \
  X(coalesced)                      \
  X(tiled)                          \
  X(blocktiled)                     \
  X(blocktiled_64)                  \
  X(blocktiled_128)                 \
  X(blocktiled_128k16)

// The name of the kernel "auto" runs, per device (it must be in that device's list above).
// CPU: "packed" needs AVX2+FMA or AVX-512F, so this is decided at run time, where it is used
// (matmul_cpu.cpp, which includes matmul_packed.h): the portable "blocked" on any other CPU.
#define MYLINEAROPS_CPU_AUTO (::mylinearops::packed_supported() ? "packed" : "blocked")
#define MYLINEAROPS_CUDA_AUTO "blocktiled"

namespace mylinearops {

// One row of a device's kernel table: the name and the function for each dtype. `Fn` is the
// device's function-pointer type, e.g. Fn<float> = void (*)(const float*, ..., int64_t N).
template <template <typename> class Fn>
struct NamedKernel {
  const char* name;
  Fn<float> f32;
  Fn<double> f64;

  template <typename T>
  Fn<T> for_type() const {
    if constexpr (std::is_same_v<T, float>) return f32;
    else return f64;
  }
};

// The row called `algo` ("auto": `auto_name`), or a RuntimeError that lists the table's names.
template <typename Row, std::size_t N>
const Row& find_kernel(const Row (&table)[N], c10::string_view algo, const char* device,
                       const char* auto_name) {
  const std::string name = algo == "auto" ? std::string(auto_name) : std::string(algo);
  std::string choices = "auto";
  for (const Row& row : table) {
    if (name == row.name) return row;
    choices += std::string(", ") + row.name;
  }
  TORCH_CHECK(false, "mylinearops.matmul: unknown ", device, " kernel algo='", std::string(algo),
              "'; choose one of ", choices);
  return table[0];  // not reached: TORCH_CHECK(false, ...) throws
}

}  // namespace mylinearops
