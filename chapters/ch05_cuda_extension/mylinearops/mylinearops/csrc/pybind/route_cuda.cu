// The CUDA side of the pybind11 route: the transpose kernel and its wrapper. The wrapper is the
// classic five steps: read the sizes, allocate the output, choose the launch configuration with a
// ceiling division, launch, return.
#include <ATen/ATen.h>
#include <c10/cuda/CUDAException.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>

#include "macros.h"

namespace mylinearops::pybind_route {
namespace {

// out (cols, rows) = in (rows, cols)^T, one thread per entry. threadIdx.x runs along a row of
// `in`, so a warp's reads are coalesced (its writes are strided: a shared-memory tile would fix
// that, not needed for a helper).
template <typename T>
__global__ void transpose_kernel(const T* __restrict__ in, T* __restrict__ out, int rows,
                                 int cols) {
  const int c = blockIdx.x * blockDim.x + threadIdx.x;
  const int r = blockIdx.y * blockDim.y + threadIdx.y;
  if (r < rows && c < cols) out[(int64_t)c * rows + r] = in[(int64_t)r * cols + c];
}

}  // namespace

at::Tensor transpose_cuda(const at::Tensor& x) {
  CHECK_INPUT(x);  // the kernel reads x through a raw row-major pointer
  const c10::cuda::CUDAGuard guard(x.device());
  // 1. read the sizes
  const int64_t rows = x.size(0), cols = x.size(1);
  TORCH_CHECK(rows * cols <= std::numeric_limits<int>::max(), "_pybind.transpose: too large");
  // 2. allocate the output
  at::Tensor out = at::empty({cols, rows}, x.options());  // (cols, rows)
  if (out.numel() == 0) return out;
  // 3. the launch configuration: 32 x 8 threads a block, DIV_CEIL blocks to cover every entry
  const dim3 block(32, 8);
  const dim3 grid(DIV_CEIL(cols, block.x), DIV_CEIL(rows, block.y));
  TORCH_CHECK(grid.y <= 65535, "_pybind.transpose: too many rows for the grid");
  // 4. launch, on the stream torch is using
  const cudaStream_t stream = c10::cuda::getCurrentCUDAStream();
  AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "mylinearops_transpose_cuda", [&] {
    transpose_kernel<scalar_t><<<grid, block, 0, stream>>>(
        x.data_ptr<scalar_t>(), out.data_ptr<scalar_t>(), static_cast<int>(rows),
        static_cast<int>(cols));
    C10_CUDA_KERNEL_LAUNCH_CHECK();
  });
  // 5. return it
  return out;
}

}  // namespace mylinearops::pybind_route
