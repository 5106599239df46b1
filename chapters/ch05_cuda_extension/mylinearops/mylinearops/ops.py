"""The Python side of the ops: load the compiled library, register the fake kernels, check inputs.

The autograd kernels are C++ (csrc/autograd.cpp); the same formulas are written here once more
for the two autograd.Functions that torch.func and forward mode need (see below).
"""

from __future__ import annotations

import math

import torch
import torch.autograd.forward_ad as fwAD

try:  # loading the shared library runs its TORCH_LIBRARY registrations
    from mylinearops import _C  # noqa: F401
except ImportError as error:  # pragma: no cover - only when the package was never built
    raise ImportError(
        "mylinearops: the compiled extension (mylinearops._C) is missing or broken: run `make ext` "
        "(or `pip install --no-build-isolation -e chapters/ch05_cuda_extension/mylinearops`). "
        f"Import error: {error}"
    ) from error

_ops = torch.ops.mylinearops
# The overloads themselves: calling torch.ops.mylinearops.matmul first picks the overload from
# the arguments, a couple of microseconds per call that a training loop pays thousands of times.
_matmul, _linearop = _ops.matmul.default, _ops.linearop.default


def kernels() -> dict[str, list[str]]:
    """The kernel names this build has, per device: {'cpu': [...], 'cuda': [...]}.

    The one list is csrc/kernels.h; the C++ op `kernels` returns it in full, variants included.
    """
    table: dict[str, list[str]] = {}
    for part in _ops.kernels().split(";"):
        device, names = part.split(":")
        table[device] = names.split(",")
    return table


# ---- fake (meta) kernels: shapes and dtypes only, for torch.compile and opcheck ---------------
# These checks are a layer of their own: on fake and meta tensors the C++ kernels never run, so
# without them a bad shape would trace into a graph and fail (or not) only when it runs.
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
def _matmul_fake(a, b, algo="auto"):
    _check_matmul("mylinearops.matmul", a, b, "A", "B")
    return a.new_empty((a.shape[0], b.shape[1]))  # (M, N)


@torch.library.register_fake("mylinearops::linearop")
def _linearop_fake(x, w, b=None, algo="auto"):
    _check_matmul("mylinearops.linearop", x, w, "X", "W")
    if b is not None:
        torch._check(b.dim() == 1 and b.shape[0] == w.shape[1], lambda: "linearop: b must be (out,)")
    return x.new_empty((x.shape[0], w.shape[1]))  # (N, out)


# ---- the backward formulas, as csrc/autograd.cpp has them, for the Functions below -----------
def _matmul_setup_context(ctx, inputs, output):
    a, b, algo = inputs
    ctx.algo = algo
    ctx.save_for_backward(a, b)


def _matmul_backward(ctx, grad_c):
    a, b = ctx.saved_tensors
    grad_a = grad_b = None
    if ctx.needs_input_grad[0]:
        grad_a = _matmul_op(grad_c, b.t(), ctx.algo)  # dL/dA = dL/dC B^T   (M, K)
    if ctx.needs_input_grad[1]:
        grad_b = _matmul_op(a.t(), grad_c, ctx.algo)  # dL/dB = A^T dL/dC   (K, N)
    return grad_a, grad_b, None


def _linearop_setup_context(ctx, inputs, output):
    x, w, b, algo = inputs
    ctx.algo, ctx.has_bias = algo, b is not None
    ctx.save_for_backward(x, w)


def _linearop_backward(ctx, grad_y):
    x, w = ctx.saved_tensors
    grad_x = grad_w = grad_b = None
    # needs_input_grad has one flag per tensor input: two when b is None, three otherwise
    needs = tuple(ctx.needs_input_grad) + (False, False)
    if needs[0]:
        grad_x = _matmul_op(grad_y, w.t(), ctx.algo)  # (N, in)
    if needs[1]:
        grad_w = _matmul_op(x.t(), grad_y, ctx.algo)  # (in, out)
    if ctx.has_bias and needs[2]:
        grad_b = grad_y.sum(0)  # the bias is added to every row: sum the rows   (out,)
    return grad_x, grad_w, grad_b, None


# ---- torch.func and forward mode: the same formulas through an autograd.Function -------------
# The C++ autograd kernels work for .backward() only. torch.func refuses them ("cannot use C++
# torch::autograd::Function with functorch transforms"), and forward mode has no rule for them
# ("jvp is not implemented for the c++ API of custom Function yet"). So while a torch.func
# transform is active, or an input carries a forward-mode tangent, the public functions call the
# two Functions below instead: the same op and backward formulas, plus a jvp (the forward rule).
def _needs_function(*tensors) -> bool:
    """True inside torch.func.grad / vmap / jacrev / jvp ..., or for dual (forward-mode) inputs."""
    if torch._C._are_functorch_transforms_active():
        return True
    return fwAD._current_level >= 0 and any(  # inside fwAD.dual_level(): look for tangents
        t is not None and fwAD.unpack_dual(t).tangent is not None for t in tensors
    )


def _sum_defined(*terms):
    """The sum of the terms that are not None (a tangent is None when an input has none)."""
    terms = [t for t in terms if t is not None]
    return sum(terms[1:], terms[0]) if terms else None


class _MatmulFunction(torch.autograd.Function):
    generate_vmap_rule = True  # vmap runs forward and backward per batch entry, as written

    @staticmethod
    def forward(a, b, algo):
        return _matmul(a, b, algo)

    @staticmethod
    def setup_context(ctx, inputs, output):
        _matmul_setup_context(ctx, inputs, output)
        ctx.save_for_forward(*inputs[:2])  # for jvp (forward mode: jacfwd, hessian)

    backward = staticmethod(_matmul_backward)

    @staticmethod
    def jvp(ctx, a_t, b_t, _):
        a, b = ctx.saved_tensors
        da = None if a_t is None else _matmul_op(a_t, b, ctx.algo)  # dA B
        db = None if b_t is None else _matmul_op(a, b_t, ctx.algo)  # A dB
        return _sum_defined(da, db)  # dC = dA B + A dB   (M, N)


class _LinearopFunction(torch.autograd.Function):
    generate_vmap_rule = True

    @staticmethod
    def forward(x, w, b, algo):
        return _linearop(x, w, b, algo)

    @staticmethod
    def setup_context(ctx, inputs, output):
        _linearop_setup_context(ctx, inputs, output)
        ctx.save_for_forward(*inputs[:2])

    backward = staticmethod(_linearop_backward)

    @staticmethod
    def jvp(ctx, x_t, w_t, b_t, _):
        x, w = ctx.saved_tensors
        dx = None if x_t is None else _matmul_op(x_t, w, ctx.algo)  # dX W
        dw = None if w_t is None else _matmul_op(x, w_t, ctx.algo)  # X dW
        return _sum_defined(dx, dw, b_t)  # dY = dX W + X dW + db   (N, out)


def _matmul_op(a, b, algo):
    """The registered matmul op; through _MatmulFunction when _needs_function (also in backward)."""
    if _needs_function(a, b):
        return _MatmulFunction.apply(a, b, algo)
    return _matmul(a, b, algo)


def _linearop_op(x, w, b, algo):
    if _needs_function(x, w, b):
        return _LinearopFunction.apply(x, w, b, algo)
    return _linearop(x, w, b, algo)


# ---- the public functions ---------------------------------------------------------------------
# They check their inputs in Python first, with the same messages as the C++ TORCH_CHECKs. The C++
# checks stay (torch.ops.mylinearops.* can be called directly), but on the GPU machine's torch 2.11
# a failing TORCH_CHECK inside this extension crashed the process (see the README's "Traps");
# checking here first turns bad input into a RuntimeError on every torch version.
def _shape(t: torch.Tensor) -> str:
    return str(tuple(t.shape))


def _check_pair(op: str, a, b, a_name: str, b_name: str) -> None:
    if not isinstance(a, torch.Tensor) or not isinstance(b, torch.Tensor):
        raise TypeError(f"{op}: {a_name} and {b_name} must be tensors")
    for t, name in ((a, a_name), (b, b_name)):
        if t.dim() != 2:
            raise RuntimeError(
                f"{op}: {name} must be 2-D (a matrix), got a {t.dim()}-D tensor of shape {_shape(t)}"
            )
    if a.dtype not in (torch.float32, torch.float64):
        raise RuntimeError(f"{op}: {a_name} must be float32 or float64, got {a.dtype}")
    if a.dtype != b.dtype:
        raise RuntimeError(
            f"{op}: {a_name} and {b_name} must have the same dtype, got {a.dtype} and {b.dtype}"
        )
    if a.device != b.device:
        raise RuntimeError(
            f"{op}: {a_name} and {b_name} must both be on the same device, got {a.device} and "
            f"{b.device}"
        )
    if a.shape[1] != b.shape[0]:
        raise RuntimeError(
            f"{op}: inner dimensions differ: {a_name} is {_shape(a)} and {b_name} is {_shape(b)} "
            f"({a_name}.shape[1] must equal {b_name}.shape[0])"
        )


_KERNELS = kernels()  # read once: a constant that torch.compile can trace through


def _check_algo(algo: str, device: torch.device) -> None:
    names = _KERNELS.get(device.type, [])
    if algo != "auto" and algo not in names:
        raise RuntimeError(
            f"mylinearops.matmul: unknown {device.type.upper()} kernel algo='{algo}'; "
            f"choose one of auto, {', '.join(names)}"
        )


def matmul(A: torch.Tensor, B: torch.Tensor, algo: str = "auto") -> torch.Tensor:
    """A @ B for 2-D float32/float64 tensors; `algo` names the kernel to use (see kernels())."""
    _check_pair("mylinearops.matmul", A, B, "A", "B")
    _check_algo(algo, A.device)
    return _matmul_op(A, B, algo)


def linearop(
    X: torch.Tensor, W: torch.Tensor, b: torch.Tensor | None = None, algo: str = "auto"
) -> torch.Tensor:
    """X @ W + b with W of shape (in, out); X may have leading batch dimensions, (*, in)."""
    if not isinstance(X, torch.Tensor) or not isinstance(W, torch.Tensor):
        raise TypeError("linearop: X and W must be tensors")
    if X.dim() == 0:
        raise RuntimeError("linearop: X must have at least 1 dimension (*, in), got a 0-d tensor")
    lead = X.shape[:-1]
    # math.prod, not -1: with in == 0 the row count cannot be inferred from zero elements
    X2 = X if X.dim() == 2 else X.reshape(math.prod(lead), X.shape[-1])  # (*, in) -> (N, in)
    _check_pair("mylinearops.linearop", X2, W, "X", "W")
    _check_algo(algo, X.device)
    if b is not None:
        if b.dim() != 1:
            raise RuntimeError(f"linearop: b must be 1-D of shape (out,), got shape {_shape(b)}")
        if b.shape[0] != W.shape[1]:
            raise RuntimeError(
                f"linearop: b has {b.shape[0]} values but W has {W.shape[1]} output columns "
                f"(W is {_shape(W)})"
            )
        if b.dtype != W.dtype or b.device != W.device:
            raise RuntimeError(
                f"linearop: b must have W's dtype and device ({W.dtype}, {W.device}), "
                f"got {b.dtype}, {b.device}"
            )
    Y2 = _linearop_op(X2, W, b, algo)  # (N, out)
    return Y2 if X.dim() == 2 else Y2.reshape(*lead, Y2.shape[-1])  # (N, out) -> (*, out)
