"""Walk-through: `python -m chapters.ch03_resnet` prints each example's code and real result."""

from __future__ import annotations

import inspect
import textwrap

import torch
import torchvision
from rich.console import Console
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from torch import nn

from chapters.ch03_resnet import BasicBlock, Bottleneck, resnet18, resnet50
from chapters.ch03_resnet.resnet import CONSTRUCTORS
from chapters.ch03_resnet.shapes import count_flops, layer_table, stage_sizes

console = Console()


def n_params(net: nn.Module) -> int:
    return sum(p.numel() for p in net.parameters())


def show(fn) -> None:
    """Print an example's docstring as a title, its code, then what it returns."""
    source = textwrap.dedent(inspect.getsource(fn))
    body = source.split('"""', 2)[2].lstrip("\n")  # the code after the docstring
    console.rule(f"[bold]{fn.__doc__}")
    console.print(Syntax(textwrap.dedent(body), "python", theme="ansi_dark", word_wrap=True))
    result = fn()
    if isinstance(result, dict):
        table = Table("expression", "value")
        for key, value in result.items():
            table.add_row(key, str(value))
        result = table
    console.print(result if isinstance(result, Table) else Panel(str(result), title="result"))


def blocks():
    """1. The two blocks: BasicBlock keeps channels, Bottleneck expands them 4x"""
    torch.manual_seed(0)
    X = torch.randn(2, 64, 16, 16)  # (B, C, H, W)
    down = nn.Sequential(nn.Conv2d(64, 256, 1, bias=False), nn.BatchNorm2d(256))
    return {
        "BasicBlock(64, 64)(X)": tuple(BasicBlock(64, 64)(X).shape),
        "Bottleneck(64, 64, downsample=down)(X)": tuple(Bottleneck(64, 64, downsample=down)(X).shape),
    }


def make_layer():
    """2. _make_layer: a 1x1 shortcut only when the stride or the channel count changes"""
    table = Table("net", "stage", "stride", "in -> out channels", "first block's shortcut")
    with torch.device("meta"):
        nets = {"resnet18": resnet18(), "resnet50": resnet50()}
    for name, net in nets.items():
        for stage in ("layer1", "layer2", "layer3", "layer4"):
            first = getattr(net, stage)[0]
            down = first.downsample
            out_ch = first.conv1.in_channels if down is None else down[0].out_channels
            table.add_row(name, stage, str(first.stride), f"{first.conv1.in_channels} -> {out_ch}",
                          "identity" if down is None else "1x1 conv + BN")  # fmt: skip
    return table


def parity():
    """3. Exactly torchvision's: parameters, keys, strict load, outputs (random weights, float64)"""
    table = Table("net", "our parameters", "torchvision's", "same keys+shapes", "max |diff| float64")
    for name, ctor in CONSTRUCTORS.items():
        with torch.device("meta"):
            ours, ref = ctor(), getattr(torchvision.models, name)(weights=None)
        same = {k: v.shape for k, v in ours.state_dict().items()} == {
            k: v.shape for k, v in ref.state_dict().items()
        }
        diff = "(tests)"
        if name in ("resnet18", "resnet50"):  # the real forward pass for two of them
            torch.manual_seed(0)
            ref = getattr(torchvision.models, name)(weights=None).eval().double()
            ours = ctor().eval().double()
            ours.load_state_dict(ref.state_dict(), strict=True)
            X = torch.randn(1, 3, 64, 64, dtype=torch.float64)
            with torch.no_grad():
                diff = f"{(ours(X) - ref(X)).abs().max().item():.1e}"
        table.add_row(name, f"{n_params(ours):,}", f"{n_params(ref):,}", str(same), diff)
    return table


def shapes18():
    """4. O = (I - K + 2P) / S + 1 predicts every stage: resnet18 at 224x224"""
    return _layer_table(resnet18, 224)


def shapes50():
    """4b. The same for resnet50 at an odd size, 97x97 (sizes round up)"""
    return _layer_table(resnet50, 97)


def _layer_table(ctor, size: int) -> Table:
    with torch.device("meta"):
        net = ctor().eval()
        rows = layer_table(net, torch.empty(1, 3, size, size))
    predicted = stage_sizes(size, net)
    table = Table("layer", "output shape", "parameters", "formula's H = W")
    for name, shape, params in rows:
        table.add_row(name, str(shape), f"{params:,}", str(predicted.get(name, "")))
    return table


def flops():
    """5. FLOPs with torch.utils.flop_counter (on the meta device: no arithmetic at all)"""
    table = Table("net", "FLOPs at 224x224", "GMACs (= FLOPs / 2)", "torchvision's meta['_ops']")
    for name, ctor in CONSTRUCTORS.items():
        with torch.device("meta"):
            total = count_flops(ctor().eval(), torch.empty(1, 3, 224, 224))
        weights = getattr(torchvision.models, f"ResNet{name[6:]}_Weights").IMAGENET1K_V1
        table.add_row(name, f"{total:,}", f"{total / 2e9:.3f}", str(weights.meta["_ops"]))
    return table


def variant_pooling():
    """6. AvgPool2d(7) (tutorial variant) against AdaptiveAvgPool2d((1, 1)), by input size"""
    table = Table("input", "last map", "adaptive pool", "AvgPool2d(7)", "tutorial net's fc")
    with torch.device("meta"):  # shapes only
        net = resnet18().eval()
        for size in (64, 224, 256, 448):
            fmap = net.features(torch.empty(1, 3, size, size))  # (1, 512, H/32, W/32)
            adaptive = nn.AdaptiveAvgPool2d((1, 1))(fmap)  # (1, 512, 1, 1) always
            try:
                fixed = nn.AvgPool2d(7)(fmap)  # (1, 512, h, w): h = (H/32 - 7) // 7 + 1
                features = fixed.flatten(1).shape[1]  # (1, 512 * h * w)
                verdict = "ok" if features == 512 else f"error: {features} features, wants 512"
                fixed_shape = str(tuple(fixed.shape))
            except RuntimeError:
                fixed_shape, verdict = "error: map smaller than 7x7", "-"
            if size == 256:
                verdict += " (but ignores row 8 and column 8)"
            table.add_row(f"{size}x{size}", str(tuple(fmap.shape)), str(tuple(adaptive.shape)),
                          fixed_shape, verdict)  # fmt: skip
    return table


def variant_stride_and_bias():
    """6b. v1 vs v1.5 stride (input pixels the block reads) and the dead conv bias"""
    torch.manual_seed(0)
    result = {}
    for stride_in_1x1 in (True, False):
        down = nn.Sequential(nn.Conv2d(16, 16, 1, stride=2, bias=False), nn.BatchNorm2d(16))
        block = Bottleneck(16, 4, stride=2, downsample=down, stride_in_1x1=stride_in_1x1)
        X = torch.randn(2, 16, 8, 8, requires_grad=True)  # (B, C, H, W)
        block(X).sum().backward()
        read = (X.grad.abs().sum(dim=(0, 1)) > 0).sum().item()  # positions with a gradient
        result["v1 (stride on 1x1)" if stride_in_1x1 else "v1.5 (stride on 3x3)"] = f"{read}/64"
    block = BasicBlock(8, 8, conv_bias=True).train()
    block(torch.randn(4, 8, 6, 6)).square().sum().backward()
    result["|grad| of a conv bias before BN"] = f"{block.conv1.bias.grad.abs().max().item():.1e}"
    result["|grad| of that conv's weight"] = f"{block.conv1.weight.grad.abs().max().item():.1e}"
    return result


def zero_init():
    """6c. zero_init_residual=True: every block starts as relu(shortcut(x)) = x"""
    torch.manual_seed(0)
    block = resnet18(zero_init_residual=True).layer2[1].eval()
    X = torch.relu(torch.randn(1, 128, 4, 4))  # a block's input comes out of a ReLU
    return {"bn2.weight.abs().max()": block.bn2.weight.abs().max().item(),
            "torch.equal(block(X), X)": torch.equal(block(X), X)}  # fmt: skip


def training():
    """7-8. Training for real (not run here: about 20 s on 2 idle cores, longer on a busy box)"""
    return "\n".join(
        [
            "python -m chapters.ch03_resnet.train            # resnet18, digits 32x32, 6 epochs",
            "  -> test accuracy 0.975; curves in runs/ch03_resnet/curves.png",
            "torchrun --standalone --nproc_per_node=2 -m chapters.ch03_resnet.train   # DDP, gloo",
            "torchrun --nnodes=2 --nproc_per_node=4 --rdzv-backend=c10d \\",
            "    --rdzv-endpoint=node0.example:29500 --rdzv-id=digits1 -m chapters.ch03_resnet.train",
        ]
    )


def main() -> None:
    console.print(Panel("Chapter 3: ResNet from scratch, exactly torchvision's", style="bold"))
    for example in (blocks, make_layer, parity, shapes18, shapes50, flops, variant_pooling,
                    variant_stride_and_bias, zero_init, training):  # fmt: skip
        show(example)


if __name__ == "__main__":
    main()
