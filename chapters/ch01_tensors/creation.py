"""How torch.tensor reads nested Python data, and how many numbers arange makes."""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch

Number = bool | int | float | complex


def _is_number(value: object) -> bool:
    return isinstance(value, bool | int | float | complex)


def infer_shape(data: Number | Sequence) -> tuple[int, ...]:
    """The shape torch.tensor(data) gets: one entry per nesting level; ragged data is an error."""
    if _is_number(data):
        return ()
    if not isinstance(data, list | tuple):
        raise TypeError(f"expected a number or a list/tuple of them, got {type(data).__name__}")
    if len(data) == 0:
        return (0,)
    inner = [infer_shape(item) for item in data]
    for position, item in enumerate(inner):
        if item != inner[0]:
            raise ValueError(
                f"ragged data: item 0 has shape {inner[0]} but item {position} has shape {item}"
            )
    return (len(data), *inner[0])


def _leaves(data: Number | Sequence) -> list[Number]:
    if _is_number(data):
        return [data]
    return [leaf for item in data for leaf in _leaves(item)]


def infer_dtype(data: Number | Sequence) -> torch.dtype:
    """The dtype torch.tensor(data) picks: the "widest kind" among the leaves."""
    infer_shape(data)  # validates the nesting first
    leaves = _leaves(data)
    default = torch.get_default_dtype()
    if any(isinstance(v, complex) for v in leaves):
        return torch.complex128 if default == torch.float64 else torch.complex64
    if any(isinstance(v, float) for v in leaves) or not leaves:
        return default  # an empty list is a float tensor
    if all(isinstance(v, bool) for v in leaves):
        return torch.bool
    return torch.int64


def arange_length(start: float, end: float, step: float = 1) -> int:
    """How many values torch.arange(start, end, step) yields: ceil((end - start) / step)."""
    if step == 0:
        raise ValueError("arange step must be non-zero")
    if (end - start) * step < 0:
        raise ValueError(f"arange from {start} to {end} can never be reached with step {step}")
    # computed in double precision, so float rounding can let `end` itself in (see the Traps)
    return math.ceil((end - start) / step)
