"""gradcheck and gradgradcheck: float64 works, float32 misleads, fast_mode is cheap."""

from __future__ import annotations

import warnings

import torch
from torch.autograd import gradcheck, gradgradcheck

from .function import LinearFunction


def make_inputs(dtype: torch.dtype = torch.float64, n: int = 4, in_features: int = 3,
                out_features: int = 2, seed: int = 0):
    """Small random X (n, in), W (in, out), b (out,) that require grad, in `dtype`."""
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, in_features, generator=g, dtype=torch.float64)
    W = torch.randn(in_features, out_features, generator=g, dtype=torch.float64)
    b = torch.randn(out_features, generator=g, dtype=torch.float64)
    return tuple(t.to(dtype).requires_grad_() for t in (X, W, b))


class SlightlyWrongLinear(torch.autograd.Function):
    """LinearFunction with a bug: dL/dX comes out 1% too large."""

    @staticmethod
    def forward(ctx, X, W, b):
        ctx.save_for_backward(X, W)
        return X @ W + b  # (n, in) @ (in, out) -> (n, out)

    @staticmethod
    def backward(ctx, dY):
        X, W = ctx.saved_tensors
        return 1.01 * (dY @ W.T), X.T @ dY, dY.sum(dim=0)  # the bug: 1.01


def passes(fn, inputs, **options) -> bool:
    """gradcheck's verdict as a bool (its float32 warning silenced: we know, that is the point)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return gradcheck(fn, inputs, raise_exception=False, **options)


def passes_gradgrad(fn, inputs, **options) -> bool:
    """gradgradcheck's verdict: the backward itself differentiated once more."""
    return gradgradcheck(fn, inputs, raise_exception=False, **options)


def central_difference(f, x: torch.Tensor, eps: float) -> torch.Tensor:
    """(f(x + eps) - f(x - eps)) / (2 eps), computed in x's own dtype, as gradcheck does."""
    return (f(x + eps) - f(x - eps)) / (2 * eps)


def count_calls(fn, inputs, fast_mode: bool) -> int:
    """How many times gradcheck runs the forward of `fn` (full Jacobian vs fast_mode)."""
    calls = 0

    def counted(*args):
        nonlocal calls
        calls += 1
        return fn(*args)

    assert gradcheck(counted, inputs, fast_mode=fast_mode)
    return calls


linear = LinearFunction.apply


def difference_errors(eps_values, dtype: torch.dtype, x: float = 1.0) -> list[float]:
    """|central difference of exp at x - exact exp(x)| per eps, in `dtype`: rounding vs truncation."""
    t = torch.tensor(x, dtype=dtype)
    exact = torch.exp(t.double()).item()
    return [abs(central_difference(torch.exp, t, eps).item() - exact) for eps in eps_values]
