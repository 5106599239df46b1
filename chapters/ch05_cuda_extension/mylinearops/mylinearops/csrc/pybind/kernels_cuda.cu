// The CUDA kernels for the pybind11 route's module: matmul_cuda.cu itself, compiled a second time
// without its TORCH_LIBRARY_IMPL (see kernels_cpu.cpp).
#define MYLINEAROPS_NO_REGISTRATION
#include "../matmul_cuda.cu"
