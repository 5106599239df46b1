"""Buffers: state that is saved and moved with the module, but never trained."""

import torch
from hypothesis import strategies as st
from torch import nn

from chapters.ch02_modules.buffers import Standardize
from chapters.ch02_modules.exercises._judging import matrices
from chapters.practice.torch_exercise import TorchExercise, wrong

STUB = '''"""Standardize with buffers. Check: make check EX=ch02_standardize"""

import torch
from torch import nn


class Standardize(nn.Module):
    """(X - mean) / (std + eps), with mean and std (num_features,) measured by fit(X)."""

    def __init__(self, num_features: int, eps: float = 1e-5) -> None:
        super().__init__()
        raise NotImplementedError("write your answer here")

    @torch.no_grad()
    def fit(self, X: torch.Tensor) -> "Standardize":
        """Set mean and std from the rows of X (N, num_features); return self."""
        raise NotImplementedError("write your answer here")

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError("write your answer here")
'''

SAVED = "state_dict after .double(): dtype, shape"
PARAMETERS = "parameters"
MOVED = "dtypes of .mean and .std after .double()"
OUTPUT = "output after .double()"
LOADED = "output of a fresh Standardize loaded from the state_dict"


def _dtype(t: torch.Tensor) -> str:
    return str(t.dtype).removeprefix("torch.")


def run(cls, args: tuple) -> dict:
    """fit on X; load the state_dict into a fresh module; .double(); report all three."""
    (X,) = args
    net = cls(X.shape[1])
    net.fit(X)
    fresh = cls(X.shape[1])
    fresh.load_state_dict(net.state_dict())
    loaded = fresh(X).detach()
    net.double()
    return {
        SAVED: {k: (_dtype(v), tuple(v.shape)) for k, v in sorted(net.state_dict().items())},
        PARAMETERS: [name for name, _ in net.named_parameters()],
        MOVED: (_dtype(net.mean), _dtype(net.std)),
        OUTPUT: net(X.double()).detach(),
        LOADED: loaded,
    }


@wrong("a plain tensor attribute is neither saved nor converted by .double()",
       "2. What gets registered")
class PlainTensors(nn.Module):
    def __init__(self, num_features: int, eps: float = 1e-5) -> None:
        super().__init__()
        self.eps = eps
        self.mean = torch.zeros(num_features)  # just an attribute: the module does not see it
        self.std = torch.ones(num_features)

    @torch.no_grad()
    def fit(self, X: torch.Tensor) -> "PlainTensors":
        self.mean, self.std = X.mean(dim=0), X.std(dim=0)
        return self

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return (X - self.mean) / (self.std + self.eps)


@wrong("a Parameter where a buffer belongs: the optimiser would train the statistics",
       "3. Buffers")
class StatisticsAsParameters(nn.Module):
    def __init__(self, num_features: int, eps: float = 1e-5) -> None:
        super().__init__()
        self.eps = eps
        self.mean = nn.Parameter(torch.zeros(num_features))  # saved and moved, but trainable
        self.std = nn.Parameter(torch.ones(num_features))

    @torch.no_grad()
    def fit(self, X: torch.Tensor) -> "StatisticsAsParameters":
        self.mean.copy_(X.mean(dim=0))
        self.std.copy_(X.std(dim=0))
        return self

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return (X - self.mean) / (self.std + self.eps)


@wrong("persistent=False keeps a buffer out of the state_dict: a checkpoint forgets it",
       "3. Buffers")
class NotPersistent(nn.Module):
    def __init__(self, num_features: int, eps: float = 1e-5) -> None:
        super().__init__()
        self.eps = eps
        self.register_buffer("mean", torch.zeros(num_features), persistent=False)
        self.register_buffer("std", torch.ones(num_features), persistent=False)

    @torch.no_grad()
    def fit(self, X: torch.Tensor) -> "NotPersistent":
        self.mean.copy_(X.mean(dim=0))
        self.std.copy_(X.std(dim=0))
        return self

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return (X - self.mean) / (self.std + self.eps)


def inputs() -> st.SearchStrategy[tuple]:
    """(N, d) data with N >= 2 rows (a std needs two) and 1 to 3 features."""
    return st.tuples(matrices(st.integers(2, 4), st.integers(1, 3)))


EXERCISE = TorchExercise(
    title="Statistics in buffers",
    statement=f"""
Write the class `Standardize(num_features, eps=1e-5)`, an `nn.Module` holding two tensors of
shape `(num_features,)`: `self.mean` (zeros at first) and `self.std` (ones). `fit(X)` sets them
from the rows of `X (N, num_features)` (`X.mean(dim=0)`, and `X.std(dim=0)`, torch's unbiased
default) and returns `self`; `forward(X)` returns `(X - mean) / (std + eps)`, same shape as `X`.

`mean` and `std` are measured, not learned: no gradient step may touch them, yet they belong to
the model. `state_dict()` must hold exactly `mean` and `std`, a checkpoint must restore them,
and `.double()` (or `.to(device)`) must convert them with the rest of the module.

The judge fits on `X`, loads the `state_dict` into a fresh `Standardize` and calls both; then
it calls `.double()` and reports: `"{SAVED}"`, `"{PARAMETERS}"` (names), `"{MOVED}"`,
`"{OUTPUT}"` and `"{LOADED}"`.
""",
    stub=STUB,
    name="Standardize",
    reference=Standardize,
    inputs=inputs,
    example=(torch.tensor([[1.0, 10.0], [3.0, 30.0], [5.0, 20.0]]),),
    run=run,
    hints=(
        "An attribute counts for state_dict() and .double() only once the module registers it.",
        "nn.Parameter registers too, but as something to train; the other kind of registered "
        "tensor is a buffer.",
        "self.register_buffer('mean', torch.zeros(num_features)) (persistent by default); in fit, "
        "self.mean.copy_(X.mean(dim=0)).",
    ),
    wrong=(PlainTensors, StatisticsAsParameters, NotPersistent),
)
