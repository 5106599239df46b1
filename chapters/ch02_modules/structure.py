"""The shape of a module: `super().__init__()` first, submodules as attributes, `forward`."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn


@dataclass
class NetConfig:
    """Sizes of the small network used throughout the chapter."""

    in_features: int = 4
    hidden: int = 8
    out_features: int = 3
    dropout: float = 0.5

    def __post_init__(self) -> None:
        for name in ("in_features", "hidden", "out_features"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"NetConfig.{name} must be a positive int, got {value!r}")
        if not 0.0 <= self.dropout < 1.0:
            raise ValueError(f"NetConfig.dropout must be in [0, 1), got {self.dropout!r}")


class TinyNet(nn.Module):
    """Linear -> ReLU -> Dropout -> Linear, written out by hand."""

    def __init__(self, config: NetConfig | None = None) -> None:
        super().__init__()  # first: it creates the dicts that hold parameters and submodules
        self.config = config or NetConfig()
        self.fc1 = nn.Linear(self.config.in_features, self.config.hidden)
        self.act = nn.ReLU()
        self.drop = nn.Dropout(self.config.dropout)
        self.fc2 = nn.Linear(self.config.hidden, self.config.out_features)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        if X.shape[-1] != self.config.in_features:
            raise ValueError(
                f"TinyNet expects {self.config.in_features} features in the last dimension, "
                f"got input of shape {tuple(X.shape)}"
            )
        h = self.drop(self.act(self.fc1(X)))  # (B, hidden)
        return self.fc2(h)  # (B, out_features)


class ForgotSuperInit(nn.Module):
    """Wrong on purpose: assigns a submodule before calling `super().__init__()`."""

    def __init__(self) -> None:
        self.fc = nn.Linear(2, 2)  # raises: Module.__setattr__ has nowhere to put it yet
        super().__init__()
