"""A layer that behaves differently in train() and eval(): it reads self.training."""

import torch
from hypothesis import strategies as st
from torch import nn

from chapters.ch02_modules.exercises._judging import matrices, seeded
from chapters.ch02_modules.modes import NoisyIdentity
from chapters.practice.torch_exercise import TorchExercise, wrong

STUB = '''"""Noise in training only. Check: make check EX=ch02_noisy_identity"""

import torch
from torch import nn


class NoisyIdentity(nn.Module):
    """Training: X + std * torch.randn_like(X). Evaluation: X unchanged."""

    def __init__(self, std: float = 0.1) -> None:
        super().__init__()
        raise NotImplementedError("write your answer here")

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError("write your answer here")
'''

TRAIN, TRAIN_NO_GRAD, EVAL = "train()", "train() under torch.no_grad()", "eval()"


def run(cls, args: tuple) -> dict:
    """cls(std) called on X in three settings, each time from the same seed."""
    std, X = args
    net = cls(std)
    outputs = {}
    net.train()
    with seeded(0):
        outputs[TRAIN] = net(X).detach()
    with seeded(0), torch.no_grad():
        outputs[TRAIN_NO_GRAD] = net(X)
    net.eval()
    with seeded(0):
        outputs[EVAL] = net(X).detach()
    return outputs


@wrong("never reads self.training, so eval() changes nothing", "7. `train()` and `eval()`")
class AlwaysNoisy(nn.Module):
    def __init__(self, std: float = 0.1) -> None:
        super().__init__()
        self.std = std

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return X + self.std * torch.randn_like(X)


@wrong("checks torch.is_grad_enabled(): eval() is not no_grad(), they are separate switches",
       "7. `train()` and `eval()`")
class GradModeInstead(nn.Module):
    def __init__(self, std: float = 0.1) -> None:
        super().__init__()
        self.std = std

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        if torch.is_grad_enabled():
            return X + self.std * torch.randn_like(X)
        return X


def inputs() -> st.SearchStrategy[tuple]:
    """A noise level (maybe 0) and a small (N, d) input; N or d may be 0."""
    return st.tuples(st.sampled_from([0.5, 1.0, 0.0]), matrices(st.integers(0, 3), st.integers(0, 3)))


EXERCISE = TorchExercise(
    title="Noise in training mode only",
    statement=f"""
Write the class `NoisyIdentity(std=0.1)`, an `nn.Module` with no parameters. In training mode
`forward(X)` returns `X + std * torch.randn_like(X)` (draw the noise with exactly that call, so
that the judge's seeded generator gives you the same numbers as the reference), and with
`std == 0` simply `X`. In evaluation mode it returns `X` unchanged. Any shape of `X`.

The judge calls it on `X` after `net.train()`, after `net.train()` inside `torch.no_grad()`
(still training: gradient tracking is a different switch), and after `net.eval()`, each time
from the same seed: `"{TRAIN}"`, `"{TRAIN_NO_GRAD}"`, `"{EVAL}"`.
""",
    stub=STUB,
    name="NoisyIdentity",
    reference=NoisyIdentity,
    inputs=inputs,
    example=(0.5, torch.tensor([[1.0, 2.0, 3.0], [0.0, -1.0, 4.0]])),
    run=run,
    hints=(
        "net.train() and net.eval() only set one attribute on every submodule; your forward "
        "must look at it.",
        "That attribute is self.training (True after train(), False after eval()), set for you "
        "by nn.Module.",
        "if self.training and self.std > 0: return X + self.std * torch.randn_like(X); "
        "else return X.",
    ),
    wrong=(AlwaysNoisy, GradModeInstead),
)
