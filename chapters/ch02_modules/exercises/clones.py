"""N copies of a layer with weights of their own, registered in an nn.ModuleList."""

import copy

import torch
from hypothesis import strategies as st
from torch import nn

from chapters.ch02_modules.containers import make_mlp
from chapters.ch02_modules.copying import clones
from chapters.ch02_modules.exercises._judging import count_parameters, seeded, shapes
from chapters.practice.torch_exercise import TorchExercise, wrong

STUB = '''"""N independent copies of a module. Check: make check EX=ch02_clones"""

import copy

import torch
from torch import nn


def clones(module: nn.Module, N: int) -> nn.ModuleList:
    """N copies of module, registered, with the same starting values but separate parameters."""
    raise NotImplementedError("write your answer here")
'''

KIND, LENGTH = "type", "length"
KEYS = "state_dict of a parent holding them as .blocks"
COUNT = "parameters the optimiser sees"
SEPARATE = "N separate objects, none the original"
SAME_START = "each starts with the original's values"
CLONE_TO_CLONE = "a write into clone 0 reaches clone 1"
ORIGINAL_TO_CLONE = "a write into the original reaches clone 0"


def _changes(write_into: nn.Module, watched: nn.Module | None) -> bool:
    """Add 1 to the first parameter of `write_into`: did any parameter of `watched` change?"""
    if watched is None or not list(write_into.parameters()):
        return False
    before = [p.clone() for p in watched.parameters()]
    with torch.no_grad():
        next(write_into.parameters()).add_(1.0)
    return any(not torch.equal(b, p) for b, p in zip(before, watched.parameters(), strict=True))


def run(function, args: tuple) -> dict:
    """clones(copy of the module, N), then what a parent registers and what writes reach."""
    original, N = copy.deepcopy(args[0]), args[1]  # a copy: the answer may write into it
    blocks = function(original, N)
    parent = nn.Module()
    parent.blocks = blocks  # registered only if blocks is a Module
    items = list(blocks)
    start = original.state_dict()
    report = {
        KIND: type(blocks).__name__,
        LENGTH: len(items),
        KEYS: shapes(parent),
        COUNT: count_parameters(parent),
        SEPARATE: len({id(m) for m in [original, *items]}) == N + 1,
        SAME_START: all(list(m.state_dict()) == list(start) and all(
            torch.equal(a, b) for a, b in zip(m.state_dict().values(), start.values(), strict=True))
            for m in items),
    }
    second = items[1] if len(items) > 1 else None
    report[CLONE_TO_CLONE] = _changes(items[0], second) if items else False
    report[ORIGINAL_TO_CLONE] = _changes(original, items[0] if items else None)
    return report


@wrong("copy.copy shares the parameters: every clone is the same layer under a new name",
       "8. Copying modules")
def shallow_copies(module: nn.Module, N: int) -> nn.ModuleList:
    return nn.ModuleList(copy.copy(module) for _ in range(N))


@wrong("the same module N times: one set of weights, listed N times", "8. Copying modules")
def same_module(module: nn.Module, N: int) -> nn.ModuleList:
    return nn.ModuleList([module] * N)


@wrong("a Python list of copies: a parent module registers none of them",
       "2. What gets registered")
def plain_list(module: nn.Module, N: int) -> list[nn.Module]:
    return [copy.deepcopy(module) for _ in range(N)]


def _linear(sizes: tuple[int, int]) -> nn.Module:
    with seeded(sum(sizes)):
        return nn.Linear(*sizes)


def _mlp(sizes: list[int]) -> nn.Module:
    with seeded(len(sizes)):
        return make_mlp(sizes)


def inputs() -> st.SearchStrategy[tuple]:
    """A small Linear layer or MLP (built from a seed), and N from 1 to 4."""
    linear = st.tuples(st.integers(1, 3), st.integers(1, 3)).map(_linear)
    mlp = st.lists(st.integers(1, 3), min_size=2, max_size=3).map(_mlp)
    return st.tuples(st.one_of(linear, mlp), st.integers(1, 4))


EXERCISE = TorchExercise(
    title="clones(module, N) with weights of their own",
    statement=f"""
Write `clones(module, N)`: return an `nn.ModuleList` of `N` copies of `module` (`N >= 1`), the
way a Transformer stacks `N` identical blocks. Every copy starts with the same values as
`module`, but owns its parameters: training one copy (or the original) must not change any
other. Because the result is a Module, a parent that stores it as an attribute registers all
`N` copies, so their weights appear in its `state_dict` and its optimiser.

The judge stores your result as `parent.blocks` and reports `"{KIND}"`, `"{LENGTH}"`,
`"{KEYS}"`, `"{COUNT}"`, `"{SEPARATE}"`, `"{SAME_START}"`; then it adds 1 to a weight of clone 0
and of the original and reports `"{CLONE_TO_CLONE}"` and `"{ORIGINAL_TO_CLONE}"` (both must be
False).
""",
    stub=STUB,
    name="clones",
    reference=clones,
    inputs=inputs,
    example=(_linear((3, 2)), 3),
    run=run,
    hints=(
        "nn.ModuleList registers its elements; a Python list does not.",
        "copy.copy(module) is a new object whose attributes, parameters included, are the old ones.",
        "nn.ModuleList(copy.deepcopy(module) for _ in range(N)).",
    ),
    wrong=(shallow_copies, same_module, plain_list),
)
