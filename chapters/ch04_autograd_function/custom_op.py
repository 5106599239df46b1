"""The modern path: the linear op as a torch.library.custom_op, with autograd and fake kernels."""

# No `from __future__ import annotations` here: custom_op reads the type hints for the schema.
from typing import Optional

import torch
from torch import Tensor

from . import grads
from .checks import check_linear_inputs


@torch.library.custom_op("ch04::linear", mutates_args=())
def linear_op(X: Tensor, W: Tensor, b: Optional[Tensor] = None) -> Tensor:  # noqa: UP045
    """Y = X W + b, W (in, out), X (*, in) -> (*, out); opaque to torch.compile."""
    check_linear_inputs(X, W, b)
    X2 = X.reshape(-1, X.shape[-1])  # (*, in) -> (N, in)
    Y2 = X2 @ W  # (N, in) @ (in, out) -> (N, out)
    if b is not None:
        Y2 = Y2 + b
    return Y2.reshape(*X.shape[:-1], W.shape[1])  # (N, out) -> (*, out); a new tensor, no alias


@linear_op.register_fake
def _(X: Tensor, W: Tensor, b: Optional[Tensor] = None) -> Tensor:  # noqa: UP045
    """Shapes only (no data): what the compiler needs to trace through the op."""
    check_linear_inputs(X, W, b)
    return X.new_empty((*X.shape[:-1], W.shape[1]))  # (*, out)


def _setup_context(ctx, inputs, output) -> None:
    X, W, b = inputs
    ctx.save_for_backward(X, W)
    ctx.has_bias = b is not None


def _backward(ctx, dY: Tensor):
    X, W = ctx.saved_tensors
    dY2 = dY.reshape(-1, dY.shape[-1])  # (*, out) -> (N, out)
    dX = dW = db = None
    if ctx.needs_input_grad[0]:
        dX = grads.grad_wrt_input(dY2, W).reshape(X.shape)  # (N, in) -> (*, in)
    if ctx.needs_input_grad[1]:
        dW = grads.grad_wrt_weight(X.reshape(-1, X.shape[-1]), dY2)  # X: (*, in) -> (N, in)
    if ctx.has_bias and ctx.needs_input_grad[2]:
        db = grads.bias_grad(dY2)
    return dX, dW, db


# The backward is made of ordinary torch ops, so it is differentiable (gradgradcheck) and traceable.
linear_op.register_autograd(_backward, setup_context=_setup_context)
