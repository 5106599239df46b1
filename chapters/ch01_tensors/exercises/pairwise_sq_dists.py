"""Squared distances between two sets of points, by broadcasting."""

import torch
from hypothesis import strategies as st

from chapters.ch01_tensors.exercises._strategies import sizes, tensors
from chapters.ch01_tensors.solutions import pairwise_sq_dists
from chapters.practice.torch_exercise import TorchExercise, wrong

STUB = '''"""Pairwise squared distances by broadcasting. Check: make check EX=ch01_pairwise_sq_dists"""

import torch


def pairwise_sq_dists(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    """A (n, d), B (m, d) -> D (n, m) with D[i, j] = |A[i] - B[j]|^2; no loops."""
    raise NotImplementedError("write your answer here")
'''


@wrong("the new axes swapped: an (m, n) table instead of (n, m)", "5. Broadcasting")
def axes_swapped(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    diff = A[None, :, :] - B[:, None, :]  # (1, n, d) - (m, 1, d) -> (m, n, d)
    return (diff**2).sum(dim=-1)  # (m, n)


@wrong("summed over B's points (dim 1) instead of the coordinates (dim -1)",
       "6. Element-wise operations and reductions")
def summed_over_points(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    diff = A[:, None, :] - B[None, :, :]  # (n, m, d)
    return (diff**2).sum(dim=1)  # (n, d): the m axis is gone, not the d axis


@wrong("squared the summed difference instead of summing the squares",
       "6. Element-wise operations and reductions")
def square_of_sum(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    diff = A[:, None, :] - B[None, :, :]  # (n, m, d)
    return diff.sum(dim=-1) ** 2  # (n, m), but (sum of differences)^2


def inputs() -> st.SearchStrategy[tuple]:
    """n and m points (either may be 0) with d coordinates each."""
    return st.tuples(sizes(), sizes(), sizes(1, 3)).flatmap(
        lambda s: st.tuples(tensors((s[0], s[2])), tensors((s[1], s[2]))))


EXERCISE = TorchExercise(
    title="Pairwise squared distances by broadcasting",
    statement="""
Write `pairwise_sq_dists(A, B)`: `A` holds `n` points of dimension `d` as the rows of an
`(n, d)` float tensor, `B` holds `m` points as an `(m, d)` one. Return the `(n, m)` tensor `D`
with `D[i, j] = sum_k (A[i, k] - B[j, k]) ** 2`, the squared Euclidean distance from point `i`
of `A` to point `j` of `B`. No Python loops: give `A` and `B` new axes so that their difference
broadcasts to `(n, m, d)`, then reduce. Either set may be empty (`n` or `m` is 0).
""",
    stub=STUB,
    name="pairwise_sq_dists",
    reference=pairwise_sq_dists,
    inputs=inputs,
    example=(torch.tensor([[0.0, 0.0], [1.0, 2.0], [3.0, 1.0]]),
             torch.tensor([[1.0, 0.0], [0.0, 2.0]])),
    hints=(
        "Aim for an (n, m, d) tensor of differences first; the answer is its sum over one axis.",
        "A[:, None, :] has shape (n, 1, d) and B[None, :, :] has shape (1, m, d): they broadcast.",
        "((A[:, None, :] - B[None, :, :]) ** 2).sum(dim=-1) sums over the d coordinates.",
    ),
    wrong=(axes_swapped, summed_over_points, square_of_sum),
)
