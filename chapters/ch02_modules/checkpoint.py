"""Saving and loading weights: state_dict, torch.save, torch.load(weights_only=True)."""

from __future__ import annotations

import copy
from pathlib import Path

import torch
from torch import nn


def save_weights(net: nn.Module, path: str | Path) -> Path:
    """Save `net.state_dict()` (tensors only, no code) to `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(net.state_dict(), path)
    return path


def load_weights(net: nn.Module, path: str | Path, strict: bool = True):
    """Load a state_dict saved by `save_weights` into `net`; return the missing/unexpected keys.

    `weights_only=True` unpickles tensors and plain containers only, so a file from a
    stranger cannot run code on your machine.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no checkpoint at {path}")
    state = torch.load(path, map_location="cpu", weights_only=True)
    if not isinstance(state, dict):
        raise TypeError(f"{path} holds a {type(state).__name__}, not a state_dict")
    return net.load_state_dict(state, strict=strict)


def snapshot(net: nn.Module) -> dict[str, torch.Tensor]:
    """A copy of the state_dict that later training cannot change (state_dict() shares storage)."""
    return copy.deepcopy(net.state_dict())
