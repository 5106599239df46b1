"""A stack of Linear layers that the module registers: what state_dict and the optimiser see."""

import torch
from hypothesis import strategies as st
from torch import nn

from chapters.ch02_modules.exercises._judging import count_parameters, matrices, seeded, shapes
from chapters.practice.torch_exercise import TorchExercise, wrong

STUB = '''"""A registered stack of Linear layers. Check: make check EX=ch02_stack"""

import torch
from torch import nn


class Stack(nn.Module):
    """Linear(sizes[0], sizes[1]), ReLU, Linear(sizes[1], sizes[2]), ...; layers in self.layers."""

    def __init__(self, sizes: list[int]) -> None:
        super().__init__()
        raise NotImplementedError("write your answer here")

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        """(B, sizes[0]) -> (B, sizes[-1])."""
        raise NotImplementedError("write your answer here")
'''

KEYS, COUNT, OUTPUT = "state_dict keys and shapes", "parameters the optimiser sees", "output"


class Stack(nn.Module):
    """One Linear per pair of consecutive sizes, in an nn.ModuleList; ReLU between them."""

    def __init__(self, sizes: list[int]) -> None:
        super().__init__()
        pairs = zip(sizes[:-1], sizes[1:], strict=False)
        self.layers = nn.ModuleList(nn.Linear(n_in, n_out) for n_in, n_out in pairs)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        for i, layer in enumerate(self.layers):
            if i:
                X = torch.relu(X)  # between two layers, not after the last
            X = layer(X)  # (B, sizes[i + 1])
        return X


def run(cls, args: tuple) -> dict:
    """Build cls(sizes) from a seeded generator, call it on X, and report what it registered."""
    sizes, X = args
    with seeded(0):
        net = cls(list(sizes))
    return {KEYS: shapes(net), COUNT: count_parameters(net), OUTPUT: net(X).detach()}


@wrong("a plain Python list hides its layers: no parameters, an empty state_dict",
       "2. What gets registered")
class LayersInAList(nn.Module):
    def __init__(self, sizes: list[int]) -> None:
        super().__init__()
        pairs = zip(sizes[:-1], sizes[1:], strict=False)
        self.layers = [nn.Linear(n_in, n_out) for n_in, n_out in pairs]  # not registered

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        for i, layer in enumerate(self.layers):
            X = layer(torch.relu(X) if i else X)
        return X


@wrong("ReLUs inside the container take indices too: layers.2 where layers.1 belongs",
       "5. `nn.Sequential`, `named_parameters`, `named_modules`")
class ReluInsideSequential(nn.Module):
    def __init__(self, sizes: list[int]) -> None:
        super().__init__()
        parts: list[nn.Module] = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=False):
            parts += [nn.Linear(n_in, n_out), nn.ReLU()]
        self.layers = nn.Sequential(*parts[:-1])  # Linear, ReLU, Linear, ...: indices 0, 2, 4

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return self.layers(X)


def inputs() -> st.SearchStrategy[tuple]:
    """2 to 4 layer sizes (1 to 4 each), and a batch of 0 to 3 inputs of the first size."""
    sizes = st.lists(st.integers(1, 4), min_size=2, max_size=4)
    return sizes.flatmap(lambda s: st.tuples(st.just(s), matrices(st.integers(0, 3), st.just(s[0]))))


EXERCISE = TorchExercise(
    title="Register a stack of layers",
    statement=f"""
Write the class `Stack(sizes)`, an `nn.Module`: for `sizes = [4, 3, 2]` it holds
`nn.Linear(4, 3)` and `nn.Linear(3, 2)`, and in general one `nn.Linear(sizes[i], sizes[i + 1])`
per pair of consecutive sizes, created in that order. Keep the Linear layers, and only them, in
one attribute `self.layers`, registered so that `state_dict()` has the keys `layers.0.weight`
`(sizes[1], sizes[0])`, `layers.0.bias` `(sizes[1],)`, `layers.1.weight`, ... and the optimiser
sees every weight. `forward(X)` takes `X (B, sizes[0])`, applies the layers in order with a ReLU
between two layers (none after the last) and returns `(B, sizes[-1])`.

The judge builds `Stack(sizes)` (from a seeded generator) and calls it on `X`; it reports the
`"{KEYS}"`, the `"{COUNT}"` (their number of scalars) and the `"{OUTPUT}"`.
""",
    stub=STUB,
    name="Stack",
    reference=Stack,
    inputs=inputs,
    example=([4, 3, 2], torch.tensor([[1.0, 0.0, -1.0, 2.0], [0.5, 1.0, 0.0, -2.0]])),
    run=run,
    hints=(
        "nn.Module registers what you assign only if it is a Parameter, a Module or a buffer.",
        "A Python list is none of those; nn.ModuleList is a Module that registers each element "
        "under its index.",
        "self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])); "
        "apply torch.relu before every layer but the first.",
    ),
    wrong=(LayersInAList, ReluInsideSequential),
)
