"""Centre each column, and leave the caller's tensor alone."""

import torch
from hypothesis import strategies as st

from chapters.ch01_tensors.exercises._strategies import sizes, tensors
from chapters.practice.torch_exercise import TorchExercise, wrong

STUB = '''"""Centre the columns without touching the input. Check: make check EX=ch01_center_columns"""

import torch


def center_columns(X: torch.Tensor) -> torch.Tensor:
    """(n, d) -> a new (n, d) tensor whose columns have mean 0; X itself must not change."""
    raise NotImplementedError("write your answer here")
'''

UNCHANGED = "the input left unchanged"


def center_columns(X: torch.Tensor) -> torch.Tensor:
    """(n, d) -> (n, d): subtract each column's mean, in a new tensor."""
    return X - X.mean(dim=0)  # (n, d) - (d,): the row of means broadcasts over the rows


def run(function, args: tuple) -> dict:
    """The result, and whether the tensor passed in still holds what it held before."""
    X = args[0].clone()  # the learner's own copy: a wrong answer may write into it
    before = X.clone()
    result = function(X)
    return {"result": result, UNCHANGED: torch.equal(X, before)}


@wrong("an in-place op (-=, sub_, or a write through a view of X) changed the caller's tensor",
       "7. In-place operations")
def in_place(X: torch.Tensor) -> torch.Tensor:
    X -= X.mean(dim=0)  # writes into the tensor the caller passed
    return X


@wrong("dim=1 centres the rows, not the columns", "6. Element-wise operations and reductions")
def rows_centred(X: torch.Tensor) -> torch.Tensor:
    return X - X.mean(dim=1, keepdim=True)  # (n, d) - (n, 1)


def inputs() -> st.SearchStrategy[tuple]:
    """(n, d) float matrices with n >= 1 (the mean of no rows is NaN); d may be 0."""
    return st.tuples(sizes(1, 4), sizes(0, 4)).flatmap(lambda s: st.tuples(tensors(s)))


EXERCISE = TorchExercise(
    title="Centre the columns, leave the input alone",
    statement=f"""
Write `center_columns(X)`: for an `(n, d)` float tensor, return a **new** `(n, d)` tensor equal
to `X` minus the mean of each column, so that every column of the result has mean 0. The
caller keeps using `X` afterwards, so `X` must hold exactly what it held before the call.

The judge reports the result and `"{UNCHANGED}"`, which must be True.
""",
    stub=STUB,
    name="center_columns",
    reference=center_columns,
    inputs=inputs,
    example=(torch.tensor([[1.0, 2.0], [3.0, 6.0], [5.0, 1.0]]),),
    run=run,
    hints=(
        "X.mean(dim=0) is the row of column means, shape (d,); it broadcasts over the n rows.",
        "Operators such as -=, and methods ending in _, write into their tensor; so does anything "
        "written into a view (a slice, .view(...)) of X.",
        "return X - X.mean(dim=0): the plain - makes a new tensor.",
    ),
    wrong=(in_place, rows_centred),
)
