"""Linear: an nn.Module with Parameters W (in, out) and b (out,), computed by LinearFunction."""

from __future__ import annotations

import math

import torch
from torch import nn

from .function import linear_fn


class Linear(nn.Module):
    """Y = X W + b with W of shape (in_features, out_features), the layout mylinearops uses."""

    def __init__(self, in_features: int, out_features: int, bias: bool = True,
                 dtype: torch.dtype | None = None, device: torch.device | str | None = None):
        super().__init__()
        for name, value in (("in_features", in_features), ("out_features", out_features)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive int, got {value!r}")
        self.in_features = in_features
        self.out_features = out_features
        factory = {"dtype": dtype, "device": device}
        self.weight = nn.Parameter(torch.empty(in_features, out_features, **factory))
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features, **factory))
        else:
            self.register_parameter("bias", None)  # still an attribute, shows up as None
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Uniform in ±1/sqrt(in_features), the same bound nn.Linear's default init ends up with."""
        bound = 1.0 / math.sqrt(self.in_features)
        with torch.no_grad():
            self.weight.uniform_(-bound, bound)
            if self.bias is not None:
                self.bias.uniform_(-bound, bound)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return linear_fn(X, self.weight, self.bias)

    def extra_repr(self) -> str:
        sizes = f"in_features={self.in_features}, out_features={self.out_features}"
        return f"{sizes}, bias={self.bias is not None}"
