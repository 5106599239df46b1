// The kernels' entry points, shared by the two routes that expose them to Python: the dispatcher
// route (TORCH_LIBRARY_IMPL in matmul_cpu.cpp / matmul_cuda.cu) and the pybind11 route
// (pybind/route.cpp). Both call these same functions; there is one copy of the kernel code.
#pragma once

#include <ATen/ATen.h>
#include <c10/util/string_view.h>

namespace mylinearops {

// C = A @ B on the CPU with the kernel named `algo` (kernels.h; "auto": the default). A (M, K)
// and B (K, N) must already be checked (checks.h); views are fine, they are made contiguous.
at::Tensor run_matmul_cpu(const at::Tensor& a, const at::Tensor& b, c10::string_view algo);

#ifdef WITH_CUDA
// The same on the GPU (a CUDA tensor's device), launched on torch's current stream.
at::Tensor run_matmul_cuda(const at::Tensor& a, const at::Tensor& b, c10::string_view algo);
#endif

}  // namespace mylinearops
