"""Small tensors for the judge: whole numbers, so a shrunk failing input reads at a glance."""

from __future__ import annotations

import math

import torch
from hypothesis import strategies as st


def tensors(shape: tuple[int, ...], low: int = -5, high: int = 5,
            dtype: torch.dtype = torch.float32) -> st.SearchStrategy[torch.Tensor]:
    """Tensors of exactly `shape` (zero sizes allowed) with whole values in [low, high]."""
    count = math.prod(shape)
    return st.lists(st.integers(low, high), min_size=count, max_size=count).map(
        lambda values: torch.tensor(values, dtype=dtype).reshape(shape))


def sizes(low: int = 0, high: int = 4) -> st.SearchStrategy[int]:
    """One dim's size; small, so that each check of 100 inputs takes seconds."""
    return st.integers(low, high)
