"""Views: a shape and strides laid over shared storage; contiguity; where element i lives."""

from __future__ import annotations

from collections.abc import Sequence

import torch


def contiguous_strides(shape: Sequence[int]) -> tuple[int, ...]:
    """Row-major strides: the last dim steps by 1, each earlier dim by the size of all later ones."""
    strides = []
    step = 1
    for size in reversed(tuple(shape)):
        if size < 0:
            raise ValueError(f"sizes must be >= 0, got shape {tuple(shape)}")
        strides.append(step)
        step *= max(size, 1)
    return tuple(reversed(strides))


def is_contiguous(shape: Sequence[int], stride: Sequence[int]) -> bool:
    """True when these strides walk memory in row-major order (size-1 dims may have any stride)."""
    if len(shape) != len(stride):
        raise ValueError(f"shape {tuple(shape)} and stride {tuple(stride)} differ in length")
    if 0 in shape:
        return True  # nothing to walk
    expected = 1
    for size, step in zip(reversed(tuple(shape)), reversed(tuple(stride)), strict=True):
        if size != 1 and step != expected:
            return False
        expected *= size
    return True


def storage_index(t: torch.Tensor, index: Sequence[int]) -> int:
    """Where t[index] lives in t's storage, in elements: offset + sum(i * stride)."""
    if len(index) != t.dim():
        raise ValueError(f"need {t.dim()} indices for a {t.dim()}-D tensor, got {len(index)}")
    for i, size in zip(index, t.shape, strict=True):
        if not 0 <= i < size:
            raise IndexError(f"index {tuple(index)} is out of range for shape {tuple(t.shape)}")
    return t.storage_offset() + sum(i * s for i, s in zip(index, t.stride(), strict=True))


def shares_storage(a: torch.Tensor, b: torch.Tensor) -> bool:
    """True when a and b sit on the same block of memory (so writes to one can show in the other)."""
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()
