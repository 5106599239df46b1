"""`.to(device/dtype)`, `.double()`, `.half()` on a whole module: in place, unlike on tensors."""

from __future__ import annotations

import torch
from torch import nn


def dtypes_and_devices(net: nn.Module) -> dict[str, tuple[torch.dtype, str]]:
    """(dtype, device type) of every parameter and buffer, by name."""
    tensors = dict(net.named_parameters()) | dict(net.named_buffers())
    return {name: (t.dtype, t.device.type) for name, t in tensors.items()}


def move(net: nn.Module, device: str | torch.device | None = None, dtype=None) -> nn.Module:
    """`net.to(device, dtype)` with a clear error for a device this machine does not have."""
    if device is not None:
        device = torch.device(device)
        if device.type == "cuda" and not torch.cuda.is_available():
            raise RuntimeError("CUDA was asked for, but this machine has no CUDA GPU")
    if dtype is not None and not (isinstance(dtype, torch.dtype) and dtype.is_floating_point):
        raise TypeError(f"a module's dtype must be a floating torch.dtype, got {dtype!r}")
    return net.to(device=device, dtype=dtype)
