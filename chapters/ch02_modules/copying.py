"""copy.copy shares submodules and parameters; copy.deepcopy does not; `clones` for stacks."""

from __future__ import annotations

import copy

from torch import nn


def clones(module: nn.Module, N: int) -> nn.ModuleList:
    """N independent deep copies of `module` (same initial values, separate parameters)."""
    if not isinstance(module, nn.Module):
        raise TypeError(f"clones needs an nn.Module, got {type(module).__name__}")
    if not isinstance(N, int) or isinstance(N, bool) or N < 1:
        raise ValueError(f"N must be a positive int, got {N!r}")
    return nn.ModuleList(copy.deepcopy(module) for _ in range(N))


def shares_parameters(a: nn.Module, b: nn.Module) -> list[str]:
    """Names of parameters that are the very same object in `a` and `b`."""
    params_b = dict(b.named_parameters())
    return [name for name, p in a.named_parameters() if params_b.get(name) is p]
