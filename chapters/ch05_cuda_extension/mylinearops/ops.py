"""The Python side of the ops: load the compiled library, register autograd and fake kernels."""

from __future__ import annotations

import torch

try:  # loading the shared library runs its TORCH_LIBRARY registrations
    from mylinearops import _C  # noqa: F401
except ImportError as error:  # pragma: no cover - only when the package was never built
    raise ImportError(
        "mylinearops: the compiled extension (mylinearops._C) is missing or broken: run `make ext` "
        "(or `pip install --no-build-isolation -e chapters/ch05_cuda_extension`). "
        f"Import error: {error}"
    ) from error

_ops = torch.ops.mylinearops


def kernels() -> dict[str, list[str]]:
    """The kernel names this build has, per device: {'cpu': [...], 'cuda': [...]}."""
    table: dict[str, list[str]] = {}
    for part in _ops.kernels().split(";"):
        device, names = part.split(":")
        table[device] = names.split(",")
    return table


# ---- fake (meta) kernels: shapes and dtypes only, for torch.compile and opcheck ---------------
def _check_matmul(op: str, a: torch.Tensor, b: torch.Tensor, a_name: str, b_name: str) -> None:
    torch._check(a.dim() == 2, lambda: f"{op}: {a_name} must be 2-D, got {a.dim()}-D")
    torch._check(b.dim() == 2, lambda: f"{op}: {b_name} must be 2-D, got {b.dim()}-D")
    torch._check(
        a.dtype in (torch.float32, torch.float64),
        lambda: f"{op}: {a_name} must be float32 or float64, got {a.dtype}",
    )
    torch._check(a.dtype == b.dtype, lambda: f"{op}: dtypes differ: {a.dtype} and {b.dtype}")
    torch._check(
        a.shape[1] == b.shape[0],
        lambda: f"{op}: inner dimensions differ: {tuple(a.shape)} and {tuple(b.shape)}",
    )


@torch.library.register_fake("mylinearops::matmul")
def _matmul_fake(a, b, kernel="auto"):
    _check_matmul("mylinearops.matmul", a, b, "A", "B")
    return a.new_empty((a.shape[0], b.shape[1]))  # (M, N)


@torch.library.register_fake("mylinearops::linearop")
def _linearop_fake(x, w, b=None, kernel="auto"):
    _check_matmul("mylinearops.linearop", x, w, "X", "W")
    if b is not None:
        torch._check(b.dim() == 1 and b.shape[0] == w.shape[1], lambda: "linearop: b must be (out,)")
    return x.new_empty((x.shape[0], w.shape[1]))  # (N, out)


# ---- autograd: the backward calls the same registered matmul op, so it is compile-safe --------
def _matmul_setup_context(ctx, inputs, output):
    a, b, kernel = inputs
    ctx.kernel = kernel
    ctx.save_for_backward(a, b)


def _matmul_backward(ctx, grad_c):
    a, b = ctx.saved_tensors
    grad_a = grad_b = None
    if ctx.needs_input_grad[0]:
        grad_a = _ops.matmul(grad_c, b.t(), ctx.kernel)  # dL/dA = dL/dC B^T   (M, K)
    if ctx.needs_input_grad[1]:
        grad_b = _ops.matmul(a.t(), grad_c, ctx.kernel)  # dL/dB = A^T dL/dC   (K, N)
    return grad_a, grad_b, None


def _linearop_setup_context(ctx, inputs, output):
    x, w, b, kernel = inputs
    ctx.kernel, ctx.has_bias = kernel, b is not None
    ctx.save_for_backward(x, w)


def _linearop_backward(ctx, grad_y):
    x, w = ctx.saved_tensors
    grad_x = grad_w = grad_b = None
    # needs_input_grad has one flag per tensor input: two when b is None, three otherwise
    needs = tuple(ctx.needs_input_grad) + (False, False)
    if needs[0]:
        grad_x = _ops.matmul(grad_y, w.t(), ctx.kernel)  # (N, in)
    if needs[1]:
        grad_w = _ops.matmul(x.t(), grad_y, ctx.kernel)  # (in, out)
    if ctx.has_bias and needs[2]:
        grad_b = grad_y.sum(0)  # the bias is added to every row: sum the rows   (out,)
    return grad_x, grad_w, grad_b, None


torch.library.register_autograd(
    "mylinearops::matmul", _matmul_backward, setup_context=_matmul_setup_context
)
torch.library.register_autograd(
    "mylinearops::linearop", _linearop_backward, setup_context=_linearop_setup_context
)


# ---- the public functions ---------------------------------------------------------------------
def matmul(A: torch.Tensor, B: torch.Tensor, kernel: str = "auto") -> torch.Tensor:
    """A @ B for 2-D float32/float64 tensors; `kernel` picks a rung of the ladder (see kernels())."""
    return _ops.matmul(A, B, kernel)


def linearop(
    X: torch.Tensor, W: torch.Tensor, b: torch.Tensor | None = None, kernel: str = "auto"
) -> torch.Tensor:
    """X @ W + b with W of shape (in, out); X may have leading batch dimensions, (*, in)."""
    if not isinstance(X, torch.Tensor) or not isinstance(W, torch.Tensor):
        raise TypeError("linearop: X and W must be tensors")
    if X.dim() == 0:
        raise RuntimeError("linearop: X must have at least 1 dimension (*, in), got a 0-d tensor")
    lead = X.shape[:-1]
    X2 = X.reshape(-1, X.shape[-1])  # (*, in) -> (N, in)
    Y2 = _ops.linearop(X2, W, b, kernel)  # (N, out)
    return Y2.reshape(*lead, Y2.shape[-1])  # (N, out) -> (*, out)
