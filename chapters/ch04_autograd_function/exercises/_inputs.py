"""Small linear-layer inputs for the chapter 4 judges: float64 tensors of small integers.

Integers shrink well: the smallest failing input Hypothesis reports reads like a hand example.
"""

from __future__ import annotations

import torch
from hypothesis import strategies as st


def matrix(rows: int, cols: int, values: list[int]) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.float64).reshape(rows, cols)


def ints(n: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(-3, 3), min_size=n, max_size=n)


@st.composite
def linear_inputs(draw, bias: bool | None = None, grads: bool = False) -> tuple:
    """(X (n, in), W (in, out), b (out,) or None); with grads, each drawn to require grad or not
    (at least one does). bias=None draws whether there is one."""
    n, fan_in, fan_out = draw(st.integers(1, 4)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    has_bias = draw(st.booleans()) if bias is None else bias
    X = matrix(n, fan_in, draw(ints(n * fan_in)))
    W = matrix(fan_in, fan_out, draw(ints(fan_in * fan_out)))
    b = torch.tensor(draw(ints(fan_out)), dtype=torch.float64) if has_bias else None
    tensors = [t for t in (X, W, b) if t is not None]
    wanted = draw(st.lists(st.booleans(), min_size=len(tensors), max_size=len(tensors))
                  .filter(any)) if grads else [False] * len(tensors)
    for t, flag in zip(tensors, wanted, strict=True):
        t.requires_grad_(flag)
    return X, W, b


def upstream(Y: torch.Tensor) -> torch.Tensor:
    """The gradient dL/dY the judges feed to backward: fixed small integers of Y's shape."""
    g = torch.Generator().manual_seed(7)
    return torch.randint(-3, 4, Y.shape, generator=g).to(Y.dtype)


def fresh(args: tuple) -> tuple:
    """Copies of the input tensors (requires_grad kept): the judge's inputs stay untouched."""
    return tuple(None if t is None else t.detach().clone().requires_grad_(t.requires_grad)
                 for t in args)
