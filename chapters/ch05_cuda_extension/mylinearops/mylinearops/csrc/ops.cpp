// The interface: one schema per op, registered with TORCH_LIBRARY. The CPU and CUDA files add
// implementations with TORCH_LIBRARY_IMPL; Python adds the autograd and fake (meta) kernels.
#include <Python.h>
#include <torch/library.h>

#include <string>

#include "kernels.h"

// `import mylinearops._C` needs a module init function; the module itself is empty, loading the
// shared library runs the static registrations below.
extern "C" {
PyObject* PyInit__C(void) {
  static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_C", nullptr, -1, nullptr};
  return PyModule_Create(&module);
}
}

// The kernel names of each device in this build, read from kernels.h (the CUDA list only when
// the .cu file was built): "cpu:naive,ikj,...;cuda:naive,...". Every name, variants included.
#define MYLINEAROPS_NAME_COMMA(name) #name ","
static std::string device_names(const char* device, std::string names) {
  names.pop_back();  // the last ","
  return std::string(device) + ":" + names;
}

static std::string kernel_names() {
  std::string table = device_names("cpu", MYLINEAROPS_CPU_KERNELS(MYLINEAROPS_NAME_COMMA));
#ifdef WITH_CUDA
  table += ";" + device_names("cuda", MYLINEAROPS_CUDA_KERNELS(MYLINEAROPS_NAME_COMMA));
#endif
  return table;
}
#undef MYLINEAROPS_NAME_COMMA

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
