"""Input checks shared by every linear op of the chapter: clear errors before any arithmetic."""

from __future__ import annotations

import torch


def check_linear_inputs(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor | None) -> None:
    """Raise TypeError/ValueError naming the problem unless Y = X W + b is well defined."""
    named = [("X", X), ("W", W)] + ([("b", b)] if b is not None else [])
    for name, t in named:
        if not isinstance(t, torch.Tensor):
            raise TypeError(f"{name} must be a torch.Tensor, got {type(t).__name__}")
        if not t.is_floating_point():
            raise TypeError(
                f"{name} has dtype {t.dtype}; the linear op needs a floating-point tensor "
                f"(convert with {name}.float() or {name}.double())"
            )
    if X.dim() == 0:
        raise ValueError("X is a 0-d tensor (a scalar); expected shape (*, in_features)")
    if W.dim() != 2:
        raise ValueError(
            f"W must be 2-D of shape (in_features, out_features), got {tuple(W.shape)}"
        )
    if X.shape[-1] != W.shape[0]:
        raise ValueError(
            f"inner dimensions differ: X has {X.shape[-1]} features (shape {tuple(X.shape)}) "
            f"but W expects {W.shape[0]} (shape {tuple(W.shape)}, laid out as (in, out))"
        )
    if b is not None and (b.dim() != 1 or b.shape[0] != W.shape[1]):
        raise ValueError(
            f"b must have shape ({W.shape[1]},) to match W's out_features, got {tuple(b.shape)}"
        )
    for name, t in named[1:]:
        if t.dtype != X.dtype:
            raise TypeError(f"{name} has dtype {t.dtype} but X has {X.dtype}; use one dtype")
        if t.device != X.device:
            raise ValueError(f"{name} is on {t.device} but X is on {X.device}; move them together")
