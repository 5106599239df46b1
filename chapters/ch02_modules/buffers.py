"""Buffers: state that is not trained but travels with the module (persistent or not)."""

from __future__ import annotations

import torch
from torch import nn


class Standardize(nn.Module):
    """Subtract a mean and divide by a std learned from data, never by gradient descent."""

    def __init__(self, num_features: int, eps: float = 1e-5) -> None:
        super().__init__()
        if num_features < 1:
            raise ValueError(f"num_features must be positive, got {num_features}")
        self.eps = eps
        # persistent buffers: in state_dict, so a checkpoint restores them
        self.register_buffer("mean", torch.zeros(num_features))
        self.register_buffer("std", torch.ones(num_features))
        # non-persistent buffer: moves with .to() but is rebuilt from code, not saved
        self.register_buffer("feature_ids", torch.arange(num_features), persistent=False)

    @torch.no_grad()
    def fit(self, X: torch.Tensor) -> Standardize:
        """Set mean and std from the rows of X (shape (N, num_features))."""
        if X.dim() != 2 or X.shape[1] != self.mean.numel():
            raise ValueError(
                f"fit expects shape (N, {self.mean.numel()}), got {tuple(X.shape)}"
            )
        self.mean.copy_(X.mean(dim=0))  # (num_features,)
        self.std.copy_(X.std(dim=0))  # (num_features,)
        return self

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return (X - self.mean) / (self.std + self.eps)


def buffer_report(net: nn.Module) -> dict[str, list[str]]:
    """Names of parameters, all buffers, and state_dict keys, to compare side by side."""
    return {
        "parameters": [name for name, _ in net.named_parameters()],
        "buffers": [name for name, _ in net.named_buffers()],
        "state_dict": list(net.state_dict().keys()),
    }
