"""What chapter 2's exercises share: seeded construction, small inputs, module reports."""

from __future__ import annotations

import contextlib
import math

import torch
from hypothesis import strategies as st
from torch import nn


@contextlib.contextmanager
def seeded(seed: int = 0):
    """torch's global generator set to `seed` inside, and restored afterwards.

    The judge runs the reference in its own process: it must not disturb that process's state.
    """
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield


def matrices(rows: st.SearchStrategy[int], cols: st.SearchStrategy[int],
             low: int = -5, high: int = 5) -> st.SearchStrategy[torch.Tensor]:
    """(rows, cols) float32 tensors of whole numbers: readable when shrunk."""
    return st.tuples(rows, cols).flatmap(lambda s: st.lists(
        st.integers(low, high), min_size=math.prod(s), max_size=math.prod(s)).map(
        lambda values: torch.tensor(values, dtype=torch.float32).reshape(s)))


def shapes(net: nn.Module) -> dict[str, tuple[int, ...]]:
    """state_dict keys, sorted, with the shape of each tensor."""
    return {key: tuple(value.shape) for key, value in sorted(net.state_dict().items())}


def count_parameters(net: nn.Module) -> int:
    """The scalars an optimiser built from net.parameters() would train (shared ones once)."""
    return sum(p.numel() for p in net.parameters())
