"""LinearLayer: an nn.Module around linearop, with W stored as (in, out)."""

from __future__ import annotations

import math

import torch
from mylinearops.ops import linearop
from torch import nn


class LinearLayer(nn.Module):
    """Y = X @ weight + bias, weight (in_features, out_features): nn.Linear's W transposed."""

    def __init__(
        self, in_features: int, out_features: int, bias: bool = True, kernel: str = "auto"
    ) -> None:
        super().__init__()
        if in_features < 1 or out_features < 1:
            raise ValueError(
                f"LinearLayer needs positive sizes, got in={in_features}, out={out_features}"
            )
        self.in_features, self.out_features, self.kernel = in_features, out_features, kernel
        self.weight = nn.Parameter(torch.empty(in_features, out_features))
        self.bias = nn.Parameter(torch.empty(out_features)) if bias else None
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Uniform in +-1/sqrt(in), the same distribution nn.Linear uses."""
        bound = 1.0 / math.sqrt(self.in_features)
        nn.init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            nn.init.uniform_(self.bias, -bound, bound)

    @classmethod
    def from_linear(cls, linear: nn.Linear, kernel: str = "auto") -> LinearLayer:
        """A LinearLayer with the same numbers as an nn.Linear (its (out, in) weight transposed)."""
        layer = cls(linear.in_features, linear.out_features, linear.bias is not None, kernel)
        with torch.no_grad():
            layer.weight.copy_(linear.weight.t())  # (out, in) -> (in, out)
            if linear.bias is not None:
                layer.bias.copy_(linear.bias)
        return layer.to(linear.weight.device, linear.weight.dtype)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return linearop(X, self.weight, self.bias, self.kernel)  # (*, in) -> (*, out)

    def extra_repr(self) -> str:
        return (
            f"in_features={self.in_features}, out_features={self.out_features}, "
            f"bias={self.bias is not None}, kernel={self.kernel!r}"
        )
