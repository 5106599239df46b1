"""One-hot rows from class ids, by a comparison that broadcasts."""

import torch
from hypothesis import strategies as st

from chapters.ch01_tensors.solutions import one_hot
from chapters.practice.torch_exercise import TorchExercise, wrong

STUB = '''"""One-hot rows from class ids (the task is in README.md here). Check: make check EX=ch01_one_hot"""

import torch


def one_hot(y: torch.Tensor, num_classes: int) -> torch.Tensor:
    """(n,) integer class ids -> (n, num_classes) float32 rows, a single 1.0 in each."""
    raise NotImplementedError("write your answer here")
'''


@wrong("broadcasting along the wrong axis: (C, n) instead of (n, C)", "5. Broadcasting")
def columns_not_rows(y: torch.Tensor, num_classes: int) -> torch.Tensor:
    return (y[None, :] == torch.arange(num_classes)[:, None]).float()  # (1, n) == (C, 1) -> (C, n)


@wrong("a comparison gives bool: one-hot rows are float", "2. dtype and device")
def bool_rows(y: torch.Tensor, num_classes: int) -> torch.Tensor:
    return y[:, None] == torch.arange(num_classes)  # (n, C), but torch.bool


def inputs() -> st.SearchStrategy[tuple]:
    """A number of classes, and n ids below it (n may be 0)."""
    return st.integers(1, 6).flatmap(
        lambda c: st.tuples(st.lists(st.integers(0, c - 1), max_size=8), st.just(c))
    ).map(lambda t: (torch.tensor(t[0], dtype=torch.int64), t[1]))


EXERCISE = TorchExercise(
    title="One-hot rows by broadcasting",
    statement="""
Write `one_hot(y, num_classes)`: for an integer tensor `y` of shape `(n,)` holding class ids in
`[0, num_classes)`, return the `(n, num_classes)` float32 tensor whose row `i` is all zeros but
a 1.0 in column `y[i]`. Do it without `torch.nn.functional.one_hot` and without a loop: compare
`y` with `torch.arange(num_classes)` so that the comparison broadcasts to `(n, num_classes)`.
""",
    stub=STUB,
    name="one_hot",
    reference=one_hot,
    inputs=inputs,
    example=(torch.tensor([2, 0, 1, 2]), 3),
    hints=(
        "torch.arange(num_classes) is the row (0, 1, ..., C-1) that every id is compared with.",
        "Give y a new axis so that (n, 1) meets (C,): y[:, None] or y.unsqueeze(1).",
        "(y[:, None] == torch.arange(num_classes)) is (n, C) of bool; .float() turns it into 0/1.",
    ),
    wrong=(columns_not_rows, bool_rows),
)
