"""Reductions along a dim: the shape they leave, and why keepdim=True helps broadcasting."""

from __future__ import annotations

from collections.abc import Sequence

import torch


def reduced_shape(
    shape: Sequence[int], dim: int | Sequence[int] | None = None, keepdim: bool = False
) -> tuple[int, ...]:
    """The shape of x.sum(dim, keepdim): reduced dims vanish, or stay as 1 with keepdim."""
    shape = tuple(shape)
    if dim is None:
        dims = set(range(len(shape)))
    else:
        dims = set()
        for d in (dim,) if isinstance(dim, int) else tuple(dim):
            if not -len(shape) <= d < max(len(shape), 1):
                raise IndexError(f"dim {d} is out of range for a {len(shape)}-D shape {shape}")
            dims.add(d % len(shape) if shape else 0)
    if keepdim:
        return tuple(1 if i in dims else n for i, n in enumerate(shape))
    return tuple(n for i, n in enumerate(shape) if i not in dims)


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """exp(x) / sum(exp(x)) along dim, stable: the keepdim=True max and sum broadcast back."""
    if not x.is_floating_point():
        raise TypeError(f"softmax needs a floating-point tensor, got {x.dtype}")
    shifted = x - x.amax(dim=dim, keepdim=True)  # (..., n, ...) - (..., 1, ...): safe from overflow
    e = shifted.exp()
    return e / e.sum(dim=dim, keepdim=True)  # the size-1 dim stretches back to n


def standardize(X: torch.Tensor, dim: int = 0, eps: float = 1e-5) -> torch.Tensor:
    """(X - mean) / std along dim, with keepdim=True so the statistics line up with X."""
    mean = X.mean(dim=dim, keepdim=True)  # size 1 along dim
    std = X.std(dim=dim, keepdim=True, correction=0)  # size 1 along dim
    return (X - mean) / (std + eps)
