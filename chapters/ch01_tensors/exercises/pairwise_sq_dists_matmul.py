"""Squared distances with one matrix product: |a|^2 - 2 a.b + |b|^2, no (n, m, d) tensor."""

import torch
from hypothesis import strategies as st
from torch.overrides import TorchFunctionMode

from chapters.ch01_tensors.exercises._strategies import sizes, tensors
from chapters.ch01_tensors.solutions import pairwise_sq_dists_matmul
from chapters.practice.speed_torch import TorchPerf
from chapters.practice.torch_exercise import TorchExercise, wrong

STUB = '''"""Pairwise squared distances with one matmul. Check: make check EX=ch01_pairwise_sq_dists_matmul"""

import torch


def pairwise_sq_dists_matmul(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    """A (n, d), B (m, d) -> (n, m) squared distances via |a|^2 - 2 a.b + |b|^2."""
    raise NotImplementedError("write your answer here")
'''

SMALL = "no (n, m, d) temporary"


class _LargestTensor(TorchFunctionMode):
    """Records the largest storage (in elements) behind any tensor that a torch call returns."""

    def __init__(self) -> None:
        super().__init__()
        self.elements = 0

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        for value in out if isinstance(out, tuple | list) else (out,):
            if isinstance(value, torch.Tensor):
                storage = value.untyped_storage().nbytes() // value.element_size()
                self.elements = max(self.elements, storage)
        return out


def run(function, args: tuple) -> dict:
    """The distances, and whether every tensor built on the way stayed small.

    "Small" is generous: the (n, m) result, or the inputs with two extra columns each (room
    for an answer that augments A and B), whichever is bigger. The (n, m, d) difference tensor
    of the broadcasting answer exceeds that on the example.
    """
    A, B = (t.clone() for t in args)
    (n, d), m = A.shape, B.shape[0]
    with _LargestTensor() as seen:
        D = function(A, B)
    return {"distances": D, SMALL: seen.elements <= max(n * m, (n + m) * (d + 2))}


@wrong("built the (n, m, d) difference tensor: the point is one matmul instead",
       "8. `matmul`, `@` and `einsum`")
def by_broadcasting(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(dim=-1)  # (n, m, d) -> (n, m)


@wrong("|a|^2 without keepdim=True lines up with the columns, not the rows",
       "6. Element-wise operations and reductions")
def a_squared_as_a_row(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    a2 = (A**2).sum(dim=1)  # (n,): broadcasts as a row, so a2[j] lands in column j
    b2 = (B**2).sum(dim=1)  # (m,)
    return (a2 - 2 * A @ B.T + b2).clamp_min(0)  # (n, m) only when n == m (or n == 1)


@wrong("a reduction without dim= sums the whole matrix, not each point",
       "6. Element-wise operations and reductions")
def squares_of_everything(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    a2 = (A**2).sum()  # (): |A|^2 of the whole matrix
    b2 = (B**2).sum()  # ()
    return (a2 - 2 * A @ B.T + b2).clamp_min(0)  # (n, m)


def big_inputs() -> tuple[torch.Tensor, torch.Tensor]:
    """1,000 points against 1,000, in 64 dimensions: the (n, m, d) tensor would be 256 MB."""
    generator = torch.Generator().manual_seed(0)
    return torch.randn(1000, 64, generator=generator), torch.randn(1000, 64, generator=generator)


def inputs() -> st.SearchStrategy[tuple]:
    """n and m points (either may be 0) with d coordinates each."""
    return st.tuples(sizes(), sizes(), sizes(1, 4)).flatmap(
        lambda s: st.tuples(tensors((s[0], s[2])), tensors((s[1], s[2]))))


EXERCISE = TorchExercise(
    title="Pairwise squared distances with one matmul",
    statement=f"""
Write `pairwise_sq_dists_matmul(A, B)`: the same `(n, m)` table of squared distances between
the rows of `A (n, d)` and `B (m, d)` as in `ch01_pairwise_sq_dists`, but without building the
`(n, m, d)` tensor of differences, which costs `d` times the memory of the answer. Use
`|a - b|^2 = |a|^2 - 2 a.b + |b|^2`: all the products `a.b` at once are one `A @ B.T`, and the
squared lengths are one sum per row. Rounding can make an entry slightly negative; clamp it at 0.

The judge watches the size of every tensor your code makes: besides the distances it reports
`"{SMALL}": True` when none is bigger than the answer (or the inputs with two spare columns).
""",
    stub=STUB,
    name="pairwise_sq_dists_matmul",
    reference=pairwise_sq_dists_matmul,
    inputs=inputs,
    example=(torch.tensor([[0.0, 0.0, 1.0], [1.0, 2.0, 0.0], [3.0, 1.0, 1.0], [0.0, 1.0, 2.0]]),
             torch.tensor([[1.0, 0.0, 0.0], [0.0, 2.0, 1.0], [2.0, 2.0, 2.0], [1.0, 1.0, 0.0]])),
    run=run,
    hints=(
        "Work out the shapes: |a|^2 must be a column (n, 1), |b|^2 a row (m,), A @ B.T is (n, m).",
        "(A ** 2).sum(dim=1, keepdim=True) keeps the (n, 1) shape so that it broadcasts over rows.",
        "(a2 - 2 * A @ B.T + b2).clamp_min(0) with a2 (n, 1) and b2 = (B ** 2).sum(dim=1).",
    ),
    wrong=(by_broadcasting, a_squared_as_a_row, squares_of_everything),
    perf=TorchPerf(big_inputs, "n = m = 1,000 points of d = 64",
                   rungs=(("by broadcasting, the (n, m, d) tensor", by_broadcasting.solve),)),
)
