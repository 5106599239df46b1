"""Make each row sum to 1: a reduction whose kept dim decides how it broadcasts back."""

import torch
from hypothesis import strategies as st

from chapters.ch01_tensors.exercises._strategies import sizes, tensors
from chapters.practice.torch_exercise import TorchExercise, wrong

STUB = '''"""Rows that sum to 1. Check: make check EX=ch01_normalize_rows"""

import torch


def normalize_rows(X: torch.Tensor) -> torch.Tensor:
    """(n, d) positive values -> (n, d): each row divided by its own sum."""
    raise NotImplementedError("write your answer here")
'''


def normalize_rows(X: torch.Tensor) -> torch.Tensor:
    """(n, d) -> (n, d) with every row summing to 1."""
    return X / X.sum(dim=1, keepdim=True)  # (n, d) / (n, 1)


@wrong("without keepdim=True the (n,) row sums line up with the columns (silent on square inputs)",
       "6. Element-wise operations and reductions")
def sums_without_keepdim(X: torch.Tensor) -> torch.Tensor:
    return X / X.sum(dim=1)  # (n, d) / (n,): column j divided by the sum of row j


@wrong("dim=0 collapses the rows: that makes each column sum to 1",
       "6. Element-wise operations and reductions")
def columns_sum_to_one(X: torch.Tensor) -> torch.Tensor:
    return X / X.sum(dim=0, keepdim=True)  # (n, d) / (1, d)


@wrong("a sum with no dim adds up the whole matrix", "6. Element-wise operations and reductions")
def whole_matrix_sums_to_one(X: torch.Tensor) -> torch.Tensor:
    return X / X.sum()  # (n, d) / ()


def inputs() -> st.SearchStrategy[tuple]:
    """(n, d) matrices of positive whole numbers (so no row sums to 0); n may be 0."""
    return st.tuples(sizes(0, 4), sizes(1, 4)).flatmap(lambda s: st.tuples(tensors(s, 1, 9)))


EXERCISE = TorchExercise(
    title="Normalise each row to sum 1",
    statement="""
Write `normalize_rows(X)`: for an `(n, d)` float tensor of positive values, return the
`(n, d)` tensor whose row `i` is row `i` of `X` divided by that row's sum, so that every row of
the result sums to 1 (a probability distribution per row). No loops. Beware: on a square `X`
several wrong answers run without any error.
""",
    stub=STUB,
    name="normalize_rows",
    reference=normalize_rows,
    inputs=inputs,
    example=(torch.tensor([[1.0, 1.0, 2.0], [2.0, 6.0, 2.0], [3.0, 1.0, 4.0]]),),
    hints=(
        "The row sums are a reduction over dim 1, the columns' dim.",
        "X.sum(dim=1) has shape (n,), which broadcasts against the last dim of X: the columns.",
        "X.sum(dim=1, keepdim=True) has shape (n, 1) and divides each row by its own sum.",
    ),
    wrong=(sums_without_keepdim, columns_sum_to_one, whole_matrix_sums_to_one),
)
