// The interface: one schema per op, registered with TORCH_LIBRARY. The CPU and CUDA files add
// implementations with TORCH_LIBRARY_IMPL; Python adds the autograd and fake (meta) kernels.
#include <Python.h>
#include <torch/library.h>

#include <string>

// `import mylinearops._C` needs a module init function; the module itself is empty, loading the
// shared library runs the static registrations below.
extern "C" {
PyObject* PyInit__C(void) {
  static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_C", nullptr, -1, nullptr};
  return PyModule_Create(&module);
}
}

// The kernel names of each device in this build (the CUDA list only when the .cu file was built).
static std::string kernel_names() {
  std::string names = "cpu:naive,ikj,blocked";
#ifdef WITH_CUDA
  names += ";cuda:naive,coalesced,tiled,blocktiled";
#endif
  return names;
}

TORCH_LIBRARY(mylinearops, m) {
  // C = A @ B for A (M, K), B (K, N); `algo` names the kernel, a rung of the ladder ("auto": the
  // best). Not `kernel`: Inductor's FallbackKernel.create(cls, kernel, ...) has a parameter of that
  // name, and an op argument called `kernel` reaches it twice (torch.compile fails).
  m.def("matmul(Tensor a, Tensor b, str algo=\"auto\") -> Tensor");
  // Y = X @ W + b for X (N, in), W (in, out), b (out,) or None.
  m.def("linearop(Tensor x, Tensor w, Tensor? b=None, str algo=\"auto\") -> Tensor");
  // Which kernels this build has, e.g. "cpu:naive,ikj,blocked;cuda:naive,...".
  m.def("kernels() -> str", &kernel_names);
}
