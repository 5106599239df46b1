"""What `nn.Module.__setattr__` registers, and what it silently ignores: wrong next to right."""

from __future__ import annotations

import torch
from torch import nn


class ScaleWithPlainTensor(nn.Module):
    """Wrong: a plain tensor attribute is not a parameter, not trained and not saved."""

    def __init__(self, size: int = 3) -> None:
        super().__init__()
        self.scale = torch.ones(size)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return X * self.scale


class ScaleWithParameter(nn.Module):
    """Right: `nn.Parameter` registers the tensor as a trainable, saved parameter."""

    def __init__(self, size: int = 3) -> None:
        super().__init__()
        self.scale = nn.Parameter(torch.ones(size))

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return X * self.scale


class StackWithList(nn.Module):
    """Wrong: a Python list hides its layers from parameters(), state_dict() and .to()."""

    def __init__(self, width: int = 2, depth: int = 2) -> None:
        super().__init__()
        self.layers = [nn.Linear(width, width) for _ in range(depth)]

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            X = layer(X)  # (B, width)
        return X


class StackWithModuleList(nn.Module):
    """Right: nn.ModuleList registers each layer under its index."""

    def __init__(self, width: int = 2, depth: int = 2) -> None:
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(width, width) for _ in range(depth))

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            X = layer(X)  # (B, width)
        return X


class HeadsWithDict(nn.Module):
    """Wrong: a Python dict of modules is invisible to the parent module."""

    def __init__(self, width: int = 2) -> None:
        super().__init__()
        self.heads = {"cls": nn.Linear(width, 3), "box": nn.Linear(width, 4)}

    def forward(self, X: torch.Tensor) -> dict[str, torch.Tensor]:
        return {name: head(X) for name, head in self.heads.items()}


class HeadsWithModuleDict(nn.Module):
    """Right: nn.ModuleDict registers each head under its key."""

    def __init__(self, width: int = 2) -> None:
        super().__init__()
        self.heads = nn.ModuleDict({"cls": nn.Linear(width, 3), "box": nn.Linear(width, 4)})

    def forward(self, X: torch.Tensor) -> dict[str, torch.Tensor]:
        return {name: head(X) for name, head in self.heads.items()}


PAIRS = [
    ("plain tensor vs nn.Parameter", ScaleWithPlainTensor, ScaleWithParameter),
    ("list vs nn.ModuleList", StackWithList, StackWithModuleList),
    ("dict vs nn.ModuleDict", HeadsWithDict, HeadsWithModuleDict),
]


def state_dict_keys(net: nn.Module) -> list[str]:
    """The keys of `net.state_dict()`, in registration order."""
    return list(net.state_dict().keys())


def count_parameters(net: nn.Module) -> int:
    """How many scalars the optimiser would see (shared parameters counted once)."""
    return sum(p.numel() for p in net.parameters())
