"""k copies of a row that can be written to: expand gives a view, repeat gives copies."""

import torch
from hypothesis import strategies as st

from chapters.ch01_tensors.exercises._strategies import sizes, tensors
from chapters.practice.torch_exercise import TorchExercise, wrong

STUB = '''"""k writable copies of a row. Check: make check EX=ch01_tile_rows"""

import torch


def tile_rows(x: torch.Tensor, k: int) -> torch.Tensor:
    """(n,) -> (k, n) whose rows are separate copies of x: a write to one row changes no other."""
    raise NotImplementedError("write your answer here")
'''

AFTER = "the result after result[0, 0] = 100"
X_AFTER = "x after that write"


def tile_rows(x: torch.Tensor, k: int) -> torch.Tensor:
    """(n,) -> (k, n), a fresh tensor: every row owns its memory."""
    return x.repeat(k, 1)  # (k, n); x[None].expand(k, -1).clone() is the same


def run(function, args: tuple) -> dict:
    """The result; then the judge writes 100 into its first entry and shows what that changed."""
    x, k = args[0].clone(), args[1]
    result = function(x, k)
    fresh = result.clone()
    if result.numel():
        result[(0,) * result.dim()].fill_(100.0)  # one entry, the way a caller would edit it
    return {"result": fresh, AFTER: result.clone(), X_AFTER: x}


@wrong("expand makes a view with stride 0: one write changes every row, and x too",
       "5. Broadcasting")
def expanded_view(x: torch.Tensor, k: int) -> torch.Tensor:
    return x.expand(k, -1)  # (k, n) with strides (0, 1): k names for the same n numbers


@wrong("x[:, None] is a column: the copies become the columns of an (n, k) tensor",
       "3. Indexing and slicing")
def copies_as_columns(x: torch.Tensor, k: int) -> torch.Tensor:
    return x[:, None].repeat(1, k)  # (n, 1) -> (n, k)


def inputs() -> st.SearchStrategy[tuple]:
    """A row of n numbers and a count k; either may be 0."""
    return st.tuples(sizes(0, 4).flatmap(lambda n: tensors((n,))), sizes(0, 4))


EXERCISE = TorchExercise(
    title="k writable copies of a row",
    statement=f"""
Write `tile_rows(x, k)`: for a `(n,)` float tensor `x` and a count `k >= 0`, return a `(k, n)`
tensor whose `k` rows all equal `x` (`k == 0` gives a `(0, n)` tensor). The caller will write into the result, so its rows must be
real copies: changing one entry of the result must change no other entry, and not `x`.

The judge shows the result, then writes 100 into `result[0, 0]` and shows `"{AFTER}"` and
`"{X_AFTER}"`.
""",
    stub=STUB,
    name="tile_rows",
    reference=tile_rows,
    inputs=inputs,
    example=(torch.tensor([1.0, 2.0, 3.0]), 2),
    run=run,
    hints=(
        "Broadcasting and expand stretch a dim without copying: the stretched dim has stride 0.",
        "x[None] (shape (1, n)) can be stretched to (k, n); what matters is whether memory is copied.",
        "x.repeat(k, 1) copies; so does x[None].expand(k, -1).clone(). expand alone does not.",
    ),
    wrong=(expanded_view, copies_as_columns),
)
