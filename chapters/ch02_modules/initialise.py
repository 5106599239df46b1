"""`net.apply(fn)`: visit every module (children first, root last) to initialise weights."""

from __future__ import annotations

import torch
from torch import nn


def init_weights(module: nn.Module) -> None:
    """Xavier-uniform for Linear weights, zeros for biases, (1, 0) for normalisation layers."""
    if isinstance(module, nn.Linear):
        nn.init.xavier_uniform_(module.weight)
        if module.bias is not None:
            nn.init.zeros_(module.bias)
    elif isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d, nn.LayerNorm)):
        if module.weight is not None:
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)


def constant_init(value: float):
    """A function for `apply` that fills every Linear weight with `value` and bias with 0."""

    @torch.no_grad()
    def fill(module: nn.Module) -> None:
        if isinstance(module, nn.Linear):
            module.weight.fill_(value)
            if module.bias is not None:
                module.bias.zero_()

    return fill


def visit_order(net: nn.Module) -> list[str]:
    """The class names in the order `apply` visits them."""
    order: list[str] = []
    net.apply(lambda m: order.append(type(m).__name__))
    return order
