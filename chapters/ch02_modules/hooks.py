"""Hooks run when you call the module, `net(X)`, and are skipped by `net.forward(X)`."""

from __future__ import annotations

from torch import nn
from torch.utils.hooks import RemovableHandle


def record_calls(net: nn.Module, log: list[str]) -> list[RemovableHandle]:
    """Add a pre-hook and a hook to `net` and each child that append what ran to `log`."""
    if not isinstance(net, nn.Module):
        raise TypeError(f"record_calls needs an nn.Module, got {type(net).__name__}")
    handles = []
    for name, module in net.named_modules():
        label = name or "net"
        handles.append(
            module.register_forward_pre_hook(lambda m, args, n=label: log.append(f"pre {n}"))
        )
        handles.append(
            module.register_forward_hook(lambda m, args, out, n=label: log.append(f"post {n}"))
        )
    return handles


def output_shapes(net: nn.Module, *inputs) -> dict[str, tuple[int, ...]]:
    """Run `net(*inputs)` once and return the output shape of every leaf module, by name."""
    shapes: dict[str, tuple[int, ...]] = {}

    def remember(name: str):
        def hook(module, args, out):
            shapes[name] = tuple(out.shape)

        return hook

    handles = [
        module.register_forward_hook(remember(name))
        for name, module in net.named_modules()
        if name and not list(module.children())
    ]
    try:
        net(*inputs)
    finally:
        for handle in handles:  # always remove hooks, or they fire on every later call
            handle.remove()
    return shapes
