"""LinearFunction: Y = X W + b as a torch.autograd.Function with a hand-written backward."""

from __future__ import annotations

import torch

from . import grads
from .checks import check_linear_inputs


class LinearFunction(torch.autograd.Function):
    """Y = X W + b with W of shape (in, out); X (*, in) -> Y (*, out), any leading dims."""

    @staticmethod
    def forward(ctx, X: torch.Tensor, W: torch.Tensor, b: torch.Tensor | None = None):
        check_linear_inputs(X, W, b)
        X2 = X.reshape(-1, X.shape[-1])  # (*, in) -> (N, in)
        Y2 = X2 @ W  # (N, in) @ (in, out) -> (N, out)
        if b is not None:
            Y2 = Y2 + b  # (N, out) + (out,) broadcasts over the rows
        # Keep only what backward will read: X feeds dW, W feeds dX.
        need_x, need_w = ctx.needs_input_grad[0], ctx.needs_input_grad[1]
        ctx.save_for_backward(X if need_w else None, W if need_x else None)
        ctx.x_shape = X.shape
        return Y2.reshape(*X.shape[:-1], W.shape[1])  # (N, out) -> (*, out)

    @staticmethod
    def backward(ctx, dY: torch.Tensor):
        X, W = ctx.saved_tensors
        dY2 = dY.reshape(-1, dY.shape[-1])  # (*, out) -> (N, out)
        dX = dW = db = None  # None: "no gradient for this input"
        if ctx.needs_input_grad[0]:
            dX = grads.grad_wrt_input(dY2, W).reshape(ctx.x_shape)  # (N, in) -> (*, in)
        if ctx.needs_input_grad[1]:
            X2 = X.reshape(-1, X.shape[-1])  # (*, in) -> (N, in)
            dW = grads.grad_wrt_weight(X2, dY2)
        if len(ctx.needs_input_grad) > 2 and ctx.needs_input_grad[2]:
            db = grads.bias_grad(dY2)
        return dX, dW, db  # one entry per forward input, in order


# The alias: a short name for the autograd-aware entry point (never call forward directly).
linear = LinearFunction.apply


def linear_fn(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor | None = None) -> torch.Tensor:
    """Y = X W + b through LinearFunction, with a real signature, keywords and a default bias."""
    return LinearFunction.apply(X, W, b)
