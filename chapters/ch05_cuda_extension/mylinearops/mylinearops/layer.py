"""LinearLayer: an nn.Module around linearop, with W stored as (in, out)."""

from __future__ import annotations

import math

import torch
from torch import nn

from mylinearops.ops import linearop

# Saved in every LinearLayer state_dict (as `<prefix>_extra_state`): nn.Linear's state_dict has
# the same keys but its weight is (out, in), and a square one would load transposed without it.
WEIGHT_LAYOUT = {"weight_layout": "(in_features, out_features)"}


class LinearLayer(nn.Module):
    """Y = X @ weight + bias, weight (in_features, out_features): nn.Linear's W transposed."""

    def __init__(
        self, in_features: int, out_features: int, bias: bool = True, algo: str = "auto"
    ) -> None:
        super().__init__()
        if in_features < 1 or out_features < 1:
            raise ValueError(
                f"LinearLayer needs positive sizes, got in={in_features}, out={out_features}"
            )
        self.in_features, self.out_features, self.algo = in_features, out_features, algo
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
    def from_linear(cls, linear: nn.Linear, algo: str = "auto") -> LinearLayer:
        """A LinearLayer with the same numbers as an nn.Linear (its (out, in) weight transposed)."""
        layer = cls(linear.in_features, linear.out_features, linear.bias is not None, algo)
        with torch.no_grad():
            layer.weight.copy_(linear.weight.t())  # (out, in) -> (in, out)
            if linear.bias is not None:
                layer.bias.copy_(linear.bias)
        return layer.to(linear.weight.device, linear.weight.dtype)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return linearop(X, self.weight, self.bias, self.algo)  # (*, in) -> (*, out)

    def get_extra_state(self) -> dict:
        return dict(WEIGHT_LAYOUT)

    def set_extra_state(self, state) -> None:
        pass  # checked in _load_from_state_dict, before anything is copied

    def _load_from_state_dict(
        self, state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys, error_msgs
    ):
        # Refuse a state_dict without our layout marker (nn.Linear's): never load W transposed.
        # The message goes to error_msgs, so load_state_dict raises it even with strict=False.
        marker = state_dict.get(prefix + "_extra_state")
        if marker != WEIGHT_LAYOUT and any(k.startswith(prefix) for k in state_dict):
            weight = state_dict.get(prefix + "weight")
            shape = f" (here {tuple(weight.shape)})" if torch.is_tensor(weight) else ""
            where = f"LinearLayer '{prefix[:-1]}'" if prefix else "LinearLayer"
            error_msgs.append(
                f"{where}: this state_dict has no '{prefix}_extra_state' layout marker, so it looks "
                f"like an nn.Linear one, whose weight{shape} is (out, in); LinearLayer stores "
                f"(in, out) = {tuple(self.weight.shape)}. Nothing was loaded (it would load W "
                "transposed). To convert an nn.Linear, use LinearLayer.from_linear(linear)."
            )
            return
        super()._load_from_state_dict(
            state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys, error_msgs
        )

    def extra_repr(self) -> str:
        return (
            f"in_features={self.in_features}, out_features={self.out_features}, "
            f"bias={self.bias is not None}, algo={self.algo!r}"
        )
