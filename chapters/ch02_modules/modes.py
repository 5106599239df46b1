"""train() / eval(): one flag, `self.training`, that Dropout and BatchNorm read."""

from __future__ import annotations

import torch
from torch import nn


class NoisyIdentity(nn.Module):
    """Adds Gaussian noise in training mode only: how a layer of your own reads the flag."""

    def __init__(self, std: float = 0.1) -> None:
        super().__init__()
        if std < 0:
            raise ValueError(f"std must be >= 0, got {std}")
        self.std = std

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        if self.training and self.std > 0:
            return X + self.std * torch.randn_like(X)
        return X


def modes(net: nn.Module) -> dict[str, bool]:
    """The `training` flag of every module, by name ('' is the root)."""
    return {name: module.training for name, module in net.named_modules()}


def batchnorm_by_hand(X: torch.Tensor, bn: nn.BatchNorm1d) -> dict[str, torch.Tensor]:
    """What BatchNorm1d computes on a (N, C) batch, written out, without touching `bn`.

    Training mode normalises with the batch's mean and biased variance and moves the
    running estimates towards the batch mean and the *unbiased* variance by `momentum`.
    Eval mode normalises with the running estimates instead.
    """
    if X.dim() != 2 or X.shape[0] < 2:
        raise ValueError(f"need a (N, C) batch with N >= 2, got {tuple(X.shape)}")
    mean = X.mean(dim=0)  # (C,)
    var_biased = X.var(dim=0, unbiased=False)  # (C,)
    var_unbiased = X.var(dim=0, unbiased=True)  # (C,)
    m = bn.momentum
    return {
        "train_out": (X - mean) / torch.sqrt(var_biased + bn.eps) * bn.weight + bn.bias,
        "running_mean": (1 - m) * bn.running_mean + m * mean,
        "running_var": (1 - m) * bn.running_var + m * var_unbiased,
        "eval_out": (X - bn.running_mean) / torch.sqrt(bn.running_var + bn.eps) * bn.weight
        + bn.bias,
    }
