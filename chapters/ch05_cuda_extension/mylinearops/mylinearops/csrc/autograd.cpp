// The autograd kernels of matmul and linearop, in C++, registered for the Autograd key.
//
// A call with tensors that need gradients reaches these first. Each one records a node in the
// autograd graph (torch::autograd::Function) and then calls the same op one level down, where the
// CPU or CUDA kernel runs. The backward formulas call the matmul op again, through the dispatcher,
// so a gradient of a gradient works, and torch.compile traces them like any other op.
//
// Python could register the same formulas (torch.library.register_autograd), and this chapter did
// at first; but then every call, forward and backward, ran Python code, about 100 us per layer
// and step in the MLP of the worked example, more than its products cost. Here it costs a few.
// (ops.py still holds the formulas in Python, for torch.func and forward mode; see its notes.)
#include <ATen/core/dispatch/Dispatcher.h>
#include <torch/autograd.h>
#include <torch/library.h>

#include <optional>
#include <string>

namespace mylinearops {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// The ops as the dispatcher has them (found once): calling these goes through every layer again,
// autograd included, which is what a backward formula needs.
at::Tensor call_matmul(const at::Tensor& a, const at::Tensor& b, c10::string_view algo) {
  static const auto op = c10::Dispatcher::singleton()
                             .findSchemaOrThrow("mylinearops::matmul", "")
                             .typed<at::Tensor(const at::Tensor&, const at::Tensor&, c10::string_view)>();
  return op.call(a, b, algo);
}

at::Tensor call_linearop(const at::Tensor& x, const at::Tensor& w,
                         const std::optional<at::Tensor>& bias, c10::string_view algo) {
  static const auto op = c10::Dispatcher::singleton()
                             .findSchemaOrThrow("mylinearops::linearop", "")
                             .typed<at::Tensor(const at::Tensor&, const at::Tensor&,
                                               const std::optional<at::Tensor>&, c10::string_view)>();
  return op.call(x, w, bias, algo);
}

// C = A @ B.  dL/dA = dL/dC B^T (M, K),  dL/dB = A^T dL/dC (K, N). The transposes are views:
// the packed kernel reads them in place.
struct MatmulFunction : public torch::autograd::Function<MatmulFunction> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& a, const at::Tensor& b,
                            c10::string_view algo) {
    ctx->save_for_backward({a, b});
    ctx->saved_data["algo"] = std::string(algo);
    at::AutoDispatchBelowADInplaceOrView below_autograd;  // the next call runs the kernel
    return call_matmul(a, b, algo);
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const std::string algo = ctx->saved_data["algo"].toStringRef();
    const at::Tensor& grad_c = grads[0];
    at::Tensor grad_a, grad_b;
    if (ctx->needs_input_grad(0)) grad_a = call_matmul(grad_c, saved[1].t(), algo);
    if (ctx->needs_input_grad(1)) grad_b = call_matmul(saved[0].t(), grad_c, algo);
    return {grad_a, grad_b, at::Tensor()};  // one per input; none for algo
  }
};

// Y = X @ W + b.  dL/dX = dL/dY W^T,  dL/dW = X^T dL/dY,  dL/db = the column sums of dL/dY (the
// bias is added to every row).
struct LinearopFunction : public torch::autograd::Function<LinearopFunction> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& x, const at::Tensor& w,
                            const std::optional<at::Tensor>& bias, c10::string_view algo) {
    ctx->save_for_backward({x, w});
    ctx->saved_data["algo"] = std::string(algo);
    ctx->saved_data["has_bias"] = bias.has_value() && bias->defined();
    at::AutoDispatchBelowADInplaceOrView below_autograd;
    return call_linearop(x, w, bias, algo);
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const std::string algo = ctx->saved_data["algo"].toStringRef();
    const at::Tensor& grad_y = grads[0];
    at::Tensor grad_x, grad_w, grad_b;
    // needs_input_grad counts tensor inputs only: x and w, and b when there is one
    if (ctx->needs_input_grad(0)) grad_x = call_matmul(grad_y, saved[1].t(), algo);  // (N, in)
    if (ctx->needs_input_grad(1)) grad_w = call_matmul(saved[0].t(), grad_y, algo);  // (in, out)
    if (ctx->saved_data["has_bias"].toBool() && ctx->needs_input_grad(2)) grad_b = grad_y.sum(0);
    return {grad_x, grad_w, grad_b, at::Tensor()};
  }
};

at::Tensor matmul_autograd(const at::Tensor& a, const at::Tensor& b, c10::string_view algo) {
  return MatmulFunction::apply(a, b, algo);
}

at::Tensor linearop_autograd(const at::Tensor& x, const at::Tensor& w,
                             const std::optional<at::Tensor>& bias, c10::string_view algo) {
  return LinearopFunction::apply(x, w, bias, algo);
}

}  // namespace

// Autograd is an alias: the same kernels serve AutogradCPU and AutogradCUDA.
TORCH_LIBRARY_IMPL(mylinearops, Autograd, m) {
  m.impl("matmul", &matmul_autograd);
  m.impl("linearop", &linearop_autograd);
}

}  // namespace mylinearops
