"""The trace of every matrix of a batch, with one einsum."""

import torch
from hypothesis import strategies as st

from chapters.ch01_tensors.exercises._strategies import sizes, tensors
from chapters.ch01_tensors.solutions import batched_trace
from chapters.practice.torch_exercise import TorchExercise, wrong

STUB = '''"""Batched trace with einsum. Check: make check EX=ch01_batched_trace"""

import torch


def batched_trace(M: torch.Tensor) -> torch.Tensor:
    """(B, n, n) -> (B,): the sum of the diagonal of each matrix, with torch.einsum."""
    raise NotImplementedError("write your answer here")
'''


@wrong("a letter for each dim ('bij') sums the whole matrix; the diagonal needs one letter twice",
       "8. `matmul`, `@` and `einsum`")
def every_entry(M: torch.Tensor) -> torch.Tensor:
    return torch.einsum("bij->b", M)  # (B,): the sum of all n*n entries


@wrong("'bii->bi' keeps the diagonal: a letter left in the output is not summed",
       "8. `matmul`, `@` and `einsum`")
def diagonal_kept(M: torch.Tensor) -> torch.Tensor:
    return torch.einsum("bii->bi", M)  # (B, n): the diagonals themselves


def inputs() -> st.SearchStrategy[tuple]:
    """B square n x n matrices; B or n may be 0."""
    return st.tuples(sizes(0, 3), sizes(0, 4)).flatmap(lambda s: st.tuples(tensors((s[0], s[1], s[1]))))


EXERCISE = TorchExercise(
    title="Batched trace with einsum",
    statement="""
Write `batched_trace(M)`: for a stack of square matrices `M (B, n, n)`, return the `(B,)`
tensor whose entry `b` is the trace of `M[b]`, the sum `M[b, 0, 0] + M[b, 1, 1] + ...`. Use a
single `torch.einsum`. It should agree with `torch.stack([torch.trace(m) for m in M])` (a loop,
for checking only). `B` or `n` may be 0; the trace of a 0 x 0 matrix is 0.
""",
    stub=STUB,
    name="batched_trace",
    reference=batched_trace,
    inputs=inputs,
    example=(torch.tensor([[[1.0, 2.0], [3.0, 4.0]], [[0.0, 5.0], [6.0, -1.0]],
                           [[2.0, 0.0], [0.0, 2.0]]]),),
    hints=(
        "In einsum, a letter that does not appear after '->' is summed over.",
        "Using the same letter for two dims of one operand ('ii') walks along the diagonal.",
        "torch.einsum('bii->b', M): i is on the diagonal and, missing from the output, summed.",
    ),
    wrong=(every_entry, diagonal_kept),
)
