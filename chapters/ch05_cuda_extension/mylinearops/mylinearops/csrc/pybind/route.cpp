// The pybind11 route: the chapter's C++ functions bound straight into a Python module
// (mylinearops._pybind) with PYBIND11_MODULE, the way most extension tutorials do it. No schema,
// no dispatcher: Python calls these functions directly, and a torch.autograd.Function in
// pybind_route.py wires the two backward functions to autograd.
//
// The kernels are _C's own (matmul.h: run_matmul_cpu / run_matmul_cuda, compiled into this module
// from the same files, see kernels_cpu.cpp); the input checks are checks.h's, the same ones the
// dispatcher route runs. New here: the transpose helper the backward functions use.
#include <ATen/Parallel.h>
#include <torch/extension.h>

#include <string>

#include "../checks.h"
#include "../matmul.h"
#include "macros.h"

namespace mylinearops::pybind_route {

#ifdef WITH_CUDA
at::Tensor transpose_cuda(const at::Tensor& x);  // route_cuda.cu
#endif

// The device whose kernels run: CPU or CUDA. A meta or fake tensor has no data, and this route has
// no fake kernel (that is the dispatcher route's register_fake), so it cannot take one.
c10::DeviceType kernel_device(const char* op, const at::Tensor& t) {
  TORCH_CHECK(t.is_cpu() || t.is_cuda(), op, ": the pybind11 route runs real kernels only, on CPU ",
              "or CUDA tensors; got a tensor on ", t.device(), " (it has no fake kernel)");
  return t.is_cuda() ? c10::DeviceType::CUDA : c10::DeviceType::CPU;
}

at::Tensor run_matmul(const at::Tensor& a, const at::Tensor& b, const std::string& algo) {
#ifdef WITH_CUDA
  if (a.is_cuda()) return run_matmul_cuda(a, b, algo);
#endif
  return run_matmul_cpu(a, b, algo);
}

at::Tensor transpose_cpu(const at::Tensor& x) {
  const int64_t rows = x.size(0), cols = x.size(1);
  at::Tensor out = at::empty({cols, rows}, x.options());  // (cols, rows)
  AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "mylinearops_transpose_cpu", [&] {
    const scalar_t* in = x.data_ptr<scalar_t>();
    scalar_t* o = out.data_ptr<scalar_t>();
    at::parallel_for(0, rows, 64, [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r)
        for (int64_t c = 0; c < cols; ++c) o[c * rows + r] = in[r * cols + c];
    });
  });
  return out;
}

// ---- the interface functions -------------------------------------------------------------------
// X^T as a new contiguous tensor. Its kernels read X through a raw row-major pointer, so here a
// contiguity check is right: a transposed view would be read wrongly.
at::Tensor transpose(const at::Tensor& X) {
  kernel_device("_pybind.transpose", X);
  TORCH_CHECK(X.dim() == 2, "_pybind.transpose: X must be 2-D, got shape ", X.sizes());
  TORCH_CHECK(X.scalar_type() == at::kFloat || X.scalar_type() == at::kDouble,
              "_pybind.transpose: X must be float32 or float64, got ", X.scalar_type());
  CHECK_CONTIGUOUS(X);
#ifdef WITH_CUDA
  if (X.is_cuda()) return transpose_cuda(X);
#endif
  return transpose_cpu(X);
}

// C = A @ B   (M, K) @ (K, N) -> (M, N). No CHECK_CONTIGUOUS: the kernels take views (they make
// their inputs contiguous), so a transposed A or B is a valid input, not an error.
at::Tensor matmul_forward(const at::Tensor& A, const at::Tensor& B, const std::string& algo) {
  check_matmul_inputs("_pybind.matmul_forward", A, "A", B, "B",
                      kernel_device("_pybind.matmul_forward", A));
  return run_matmul(A, B, algo);
}

// dL/dA = dL/dC B^T   (M, N) @ (N, K) -> (M, K): the gradient of A, shaped like A.
at::Tensor matmul_dA_backward(const at::Tensor& grad_C, const at::Tensor& B,
                              const std::string& algo) {
  check_matmul_inputs("_pybind.matmul_dA_backward", grad_C, "grad_C", B.t(), "B^T",
                      kernel_device("_pybind.matmul_dA_backward", grad_C));
  return run_matmul(grad_C, transpose(B.contiguous()), algo);
}

// dL/dB = A^T dL/dC   (K, M) @ (M, N) -> (K, N): the gradient of B, shaped like B.
at::Tensor matmul_dB_backward(const at::Tensor& A, const at::Tensor& grad_C,
                              const std::string& algo) {
  check_matmul_inputs("_pybind.matmul_dB_backward", A.t(), "A^T", grad_C, "grad_C",
                      kernel_device("_pybind.matmul_dB_backward", A));
  return run_matmul(transpose(A.contiguous()), grad_C, algo);
}

}  // namespace mylinearops::pybind_route

// ---- the binding: Python names for the C++ functions --------------------------------------------
// TORCH_EXTENSION_NAME is the module's name from setup.py (_pybind), so the two always agree.
PYBIND11_MODULE(TORCH_EXTENSION_NAME, m) {
  namespace route = mylinearops::pybind_route;
  namespace py = pybind11;
  m.doc() = "mylinearops' kernels bound with pybind11 (the classic route; see pybind_route.py)";
  m.def("matmul_forward", &route::matmul_forward, "C = A @ B", py::arg("A"), py::arg("B"),
        py::arg("algo") = "auto");
  m.def("matmul_dA_backward", &route::matmul_dA_backward, "dL/dA = dL/dC @ B^T",
        py::arg("grad_C"), py::arg("B"), py::arg("algo") = "auto");
  m.def("matmul_dB_backward", &route::matmul_dB_backward, "dL/dB = A^T @ dL/dC", py::arg("A"),
        py::arg("grad_C"), py::arg("algo") = "auto");
  m.def("transpose", &route::transpose, "X^T, contiguous (X must be contiguous)", py::arg("X"));
}
