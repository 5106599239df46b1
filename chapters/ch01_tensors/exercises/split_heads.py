"""Split the channels of a sequence into attention heads: view, then transpose."""

import torch
from hypothesis import strategies as st

from chapters.ch01_tensors.exercises._strategies import sizes, tensors
from chapters.practice.torch_exercise import TorchExercise, wrong

STUB = '''"""Split channels into heads. Check: make check EX=ch01_split_heads"""

import torch


def split_heads(x: torch.Tensor, num_heads: int) -> torch.Tensor:
    """(B, T, C) -> (B, num_heads, T, C // num_heads); head h gets channels h*D .. h*D+D-1."""
    raise NotImplementedError("write your answer here")
'''


def split_heads(x: torch.Tensor, num_heads: int) -> torch.Tensor:
    """(B, T, C) -> (B, H, T, D) with D = C // H: a view, then a transpose (no copy)."""
    B, T, C = x.shape
    x = x.view(B, T, num_heads, C // num_heads)  # (B, T, H, D): split the channels
    return x.transpose(1, 2)  # (B, H, T, D)


@wrong("view to (B, H, T, D) is not a transpose: it keeps the memory order and mixes time steps",
       "4. Views and copies")
def view_only(x: torch.Tensor, num_heads: int) -> torch.Tensor:
    B, T, C = x.shape
    return x.view(B, num_heads, T, C // num_heads)  # right shape, wrong elements


@wrong("C split as (D, H): each head gets every H-th channel, not a block of D",
       "4. Views and copies")
def strided_heads(x: torch.Tensor, num_heads: int) -> torch.Tensor:
    B, T, C = x.shape
    x = x.view(B, T, C // num_heads, num_heads)  # (B, T, D, H): the factors swapped
    return x.permute(0, 3, 1, 2)  # (B, H, T, D)


def inputs() -> st.SearchStrategy[tuple]:
    """(B, T, H * D) sequences (B and T may be 0) and the number of heads H."""
    shape = st.tuples(sizes(0, 2), sizes(0, 3), sizes(1, 3), sizes(1, 3))
    return shape.flatmap(lambda s: st.tuples(tensors((s[0], s[1], s[2] * s[3]), 0, 9), st.just(s[2])))


EXERCISE = TorchExercise(
    title="Split channels into attention heads",
    statement="""
Write `split_heads(x, num_heads)`: `x (B, T, C)` is a batch of `B` sequences of `T` vectors
with `C` channels, and `C` is a multiple of `H = num_heads`. Return the `(B, H, T, D)` tensor,
`D = C // H`, in which head `h` holds channels `h*D .. h*D + D - 1` of every time step:
`out[b, h, t, :] == x[b, t, h*D:(h+1)*D]`. Use `view`/`reshape` and `transpose`/`permute`;
no loops, no copies needed. `B` or `T` may be 0: a `-1` in `view` cannot be inferred from
zero elements, so spell every size out.
""",
    stub=STUB,
    name="split_heads",
    reference=split_heads,
    inputs=inputs,
    example=(torch.arange(12.0).reshape(1, 2, 6), 2),
    hints=(
        "The channels split into (H, D) in that order: channel c is head c // D, place c % D.",
        "x.view(B, T, H, D) gives the right pieces, but the dims are in the order (B, T, H, D).",
        "x.view(B, T, H, D).transpose(1, 2): reshaping straight to (B, H, T, D) would not move data.",
    ),
    wrong=(view_only, strided_heads),
)
