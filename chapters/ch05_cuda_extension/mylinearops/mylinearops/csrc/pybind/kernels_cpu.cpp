// The CPU kernels for the pybind11 route's module: the very same source file as _C's, compiled a
// second time without its TORCH_LIBRARY_IMPL (only _C may register the ops). A file of its own so
// that its object file does not collide with _C's matmul_cpu.o.
#define MYLINEAROPS_NO_REGISTRATION
#include "../matmul_cpu.cpp"
