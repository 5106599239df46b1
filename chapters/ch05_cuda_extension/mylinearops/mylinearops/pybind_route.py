"""The pybind11 route: the same kernels bound with PYBIND11_MODULE, wired to autograd by hand.

`mylinearops._pybind` (csrc/pybind/route.cpp) exposes plain functions: matmul_forward,
matmul_dA_backward, matmul_dB_backward and transpose. Autograd knows nothing about them, so a
torch.autograd.Function calls the forward and, in backward, only the gradients that are needed.
Compare with ops.py (the dispatcher route): there is no schema, no fake kernel, no torch.ops entry.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from mylinearops import _pybind


class MatmulFunction(torch.autograd.Function):
    """C = A @ B through the bound functions; backward computes only the gradients needed."""

    @staticmethod
    def forward(ctx, A, B, algo="auto"):
        ctx.save_for_backward(A, B)
        ctx.algo = algo
        return _pybind.matmul_forward(A, B, algo)  # (M, K) @ (K, N) -> (M, N)

    @staticmethod
    def backward(ctx, grad_C):
        A, B = ctx.saved_tensors
        grad_A = grad_B = None
        if ctx.needs_input_grad[0]:
            grad_A = _pybind.matmul_dA_backward(grad_C, B, ctx.algo)  # dL/dA = dL/dC B^T  (M, K)
        if ctx.needs_input_grad[1]:
            grad_B = _pybind.matmul_dB_backward(A, grad_C, ctx.algo)  # dL/dB = A^T dL/dC  (K, N)
        return grad_A, grad_B, None  # one per forward input; the algo string has none


class LinearFunction(torch.autograd.Function):
    """Y = X @ W + b for X (N, in), W (in, out), b (out,) or None."""

    @staticmethod
    def forward(ctx, X, W, b=None, algo="auto"):
        ctx.save_for_backward(X, W)
        ctx.algo, ctx.has_bias = algo, b is not None
        Y = _pybind.matmul_forward(X, W, algo)  # (N, in) @ (in, out) -> (N, out)
        return Y + b if b is not None else Y  # the bias broadcasts over the rows

    @staticmethod
    def backward(ctx, grad_Y):
        X, W = ctx.saved_tensors
        grad_X = grad_W = grad_b = None
        if ctx.needs_input_grad[0]:
            grad_X = _pybind.matmul_dA_backward(grad_Y, W, ctx.algo)  # dL/dX = dL/dY W^T  (N, in)
        if ctx.needs_input_grad[1]:
            grad_W = _pybind.matmul_dB_backward(X, grad_Y, ctx.algo)  # dL/dW = X^T dL/dY  (in, out)
        if ctx.has_bias and ctx.needs_input_grad[2]:
            grad_b = grad_Y.sum(0)  # every row got the bias: sum over the rows  (out,)
        return grad_X, grad_W, grad_b, None


def matmul(A: torch.Tensor, B: torch.Tensor, algo: str = "auto") -> torch.Tensor:
    """A @ B for 2-D float32/float64 tensors, differentiable (the pybind11 route)."""
    return MatmulFunction.apply(A, B, algo)


def linearop(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor | None = None,
             algo: str = "auto") -> torch.Tensor:
    """X @ W + b with W (in, out); X may have leading batch dimensions (*, in)."""
    lead = X.shape[:-1]
    X2 = X.reshape(math.prod(lead), X.shape[-1])  # (*, in) -> (N, in)
    Y2 = LinearFunction.apply(X2, W, b, algo)  # (N, out)
    return Y2.reshape(*lead, Y2.shape[-1])  # (N, out) -> (*, out)


class LinearLayer(nn.Module):
    """The layer on the pybind11 route: weight (in_features, out_features), like mylinearops'."""

    def __init__(self, in_features: int, out_features: int, bias: bool = True,
                 algo: str = "auto") -> None:
        super().__init__()
        if in_features < 1 or out_features < 1:
            raise ValueError(
                f"LinearLayer needs positive sizes, got in={in_features}, out={out_features}"
            )
        self.in_features, self.out_features, self.algo = in_features, out_features, algo
        bound = 1.0 / math.sqrt(in_features)  # nn.Linear's initialisation
        self.weight = nn.Parameter(torch.empty(in_features, out_features).uniform_(-bound, bound))
        self.bias = nn.Parameter(torch.empty(out_features).uniform_(-bound, bound)) if bias else None

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return linearop(X, self.weight, self.bias, self.algo)  # (*, in) -> (*, out)

    def extra_repr(self) -> str:
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None}, algo={self.algo!r}")
