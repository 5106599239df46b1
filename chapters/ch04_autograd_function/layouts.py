"""Two weight layouts: ours, W (in, out), Y = X W + b; nn.Linear's, W (out, in), Y = X Wᵀ + b."""

from __future__ import annotations

import torch
from torch import nn

from .module import Linear


def from_nn_linear(layer: nn.Linear) -> Linear:
    """A Linear computing exactly what `layer` computes: our W is the transpose of its weight."""
    ours = Linear(layer.in_features, layer.out_features, bias=layer.bias is not None,
                  dtype=layer.weight.dtype, device=layer.weight.device)
    with torch.no_grad():
        ours.weight.copy_(layer.weight.T)  # (out, in) -> (in, out)
        if layer.bias is not None:
            ours.bias.copy_(layer.bias)
    return ours


def to_nn_linear(layer: Linear) -> nn.Linear:
    """An nn.Linear computing exactly what our `layer` computes."""
    theirs = nn.Linear(layer.in_features, layer.out_features, bias=layer.bias is not None,
                       dtype=layer.weight.dtype, device=layer.weight.device)
    with torch.no_grad():
        theirs.weight.copy_(layer.weight.T)  # (in, out) -> (out, in)
        if layer.bias is not None:
            theirs.bias.copy_(layer.bias)
    return theirs
