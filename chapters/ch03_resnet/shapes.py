"""Feature-map sizes from O = (I - K + 2P) / S + 1, a per-layer table, and FLOPs."""

from __future__ import annotations

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from chapters.ch03_resnet.resnet import ResNet


def conv_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0) -> int:
    """O = floor((I - K + 2P) / S) + 1: the output size of a conv or pool along one axis."""
    for name, value in (("size", size), ("kernel", kernel), ("stride", stride)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    if not isinstance(padding, int) or padding < 0:
        raise ValueError(f"padding must be a non-negative int, got {padding!r}")
    if size + 2 * padding < kernel:
        raise ValueError(f"kernel {kernel} is larger than the padded input {size}+2*{padding}")
    return (size - kernel + 2 * padding) // stride + 1


def stage_sizes(image_size: int, net: ResNet) -> dict[str, int]:
    """The H (= W) after the stem and after each stage, predicted with the formula alone."""
    sizes = {}
    stem = net.conv1
    s = conv_output_size(image_size, stem.kernel_size[0], stem.stride[0], stem.padding[0])
    sizes["conv1"] = s
    s = conv_output_size(s, 3, 2, 1)  # the max pool: 3x3, stride 2, padding 1
    sizes["maxpool"] = s
    for name in ("layer1", "layer2", "layer3", "layer4"):
        for block in getattr(net, name):
            # Whichever conv carries the stride (3x3 pad 1, or 1x1 pad 0), the size it gives is
            # the same: (I - 3 + 2) // s + 1 == (I - 1) // s + 1.
            s = conv_output_size(s, 3, block.stride, 1)
        sizes[name] = s
    return sizes


def layer_table(net: nn.Module, X: torch.Tensor) -> list[tuple[str, tuple[int, ...], int]]:
    """(name, output shape, parameters) for each top-level child, from one forward pass."""
    rows: list[tuple[str, tuple[int, ...], int]] = []
    hooks = []
    for name, child in net.named_children():

        def record(module, _inputs, output, name=name):
            rows.append((name, tuple(output.shape), sum(p.numel() for p in module.parameters())))

        hooks.append(child.register_forward_hook(record))
    try:
        with torch.no_grad():
            net(X)
    finally:
        for hook in hooks:
            hook.remove()
    return rows


def count_flops(net: nn.Module, X: torch.Tensor) -> int:
    """FLOPs of one forward pass, as torch.utils.flop_counter counts them (a multiply-add is 2).

    Only matrix products and convolutions count; BatchNorm, ReLU and pooling are left out.
    Works on the "meta" device too, where no arithmetic happens at all.
    """
    counter = FlopCounterMode(display=False)
    with counter, torch.no_grad():
        net(X)
    return counter.get_total_flops()


def conv_flops_by_hand(net: nn.Module, X: torch.Tensor) -> int:
    """The same count from the shapes: 2 * (C_in/groups * K_h * K_w) * C_out * H_out * W_out * B
    for every conv, 2 * in * out * B for every Linear."""
    total = 0
    hooks = []

    def conv_hook(module: nn.Conv2d, _inputs, output) -> None:
        nonlocal total
        kh, kw = module.kernel_size
        per_output = module.in_channels // module.groups * kh * kw
        total += 2 * per_output * output.numel()  # output.numel() = B * C_out * H_out * W_out

    def linear_hook(module: nn.Linear, _inputs, output) -> None:
        nonlocal total
        total += 2 * module.in_features * output.numel()

    for m in net.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(linear_hook))
    try:
        with torch.no_grad():
            net(X)
    finally:
        for hook in hooks:
            hook.remove()
    return total
