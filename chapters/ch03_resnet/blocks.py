"""The two residual blocks: BasicBlock (two 3x3 convs) and Bottleneck (1x1, 3x3, 1x1)."""

from __future__ import annotations

from torch import Tensor, nn


def conv3x3(in_ch: int, out_ch: int, stride: int = 1, bias: bool = False) -> nn.Conv2d:
    """A 3x3 convolution with padding 1: keeps H and W when stride is 1, halves them at 2."""
    return nn.Conv2d(in_ch, out_ch, kernel_size=3, stride=stride, padding=1, bias=bias)


def conv1x1(in_ch: int, out_ch: int, stride: int = 1, bias: bool = False) -> nn.Conv2d:
    """A 1x1 convolution: mixes channels, and samples every `stride`-th pixel."""
    return nn.Conv2d(in_ch, out_ch, kernel_size=1, stride=stride, bias=bias)


class BasicBlock(nn.Module):
    """relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)); used by resnet18 and resnet34."""

    expansion = 1  # the block's output has planes * expansion channels

    def __init__(
        self,
        inplanes: int,
        planes: int,
        stride: int = 1,
        downsample: nn.Module | None = None,
        *,
        conv_bias: bool = False,
        stride_in_1x1: bool = False,  # accepted for symmetry with Bottleneck: no 1x1 conv here
    ) -> None:
        super().__init__()
        # A bias before BatchNorm is wasted: BN subtracts the mean, bias included. torchvision
        # leaves it out; the tutorial variant keeps it (conv_bias=True) to show that.
        self.conv1 = conv3x3(inplanes, planes, stride, bias=conv_bias)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes, bias=conv_bias)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample  # None: the shortcut is the identity
        self.stride = stride

    def forward(self, x: Tensor) -> Tensor:
        identity = x if self.downsample is None else self.downsample(x)  # (B, planes, H/s, W/s)
        out = self.relu(self.bn1(self.conv1(x)))  # (B, planes, H/s, W/s)
        out = self.bn2(self.conv2(out))  # (B, planes, H/s, W/s)
        return self.relu(out + identity)


class Bottleneck(nn.Module):
    """1x1 squeeze, 3x3, 1x1 expand (x4), plus the shortcut; used by resnet50, 101 and 152."""

    expansion = 4

    def __init__(
        self,
        inplanes: int,
        planes: int,
        stride: int = 1,
        downsample: nn.Module | None = None,
        *,
        conv_bias: bool = False,
        stride_in_1x1: bool = False,
    ) -> None:
        super().__init__()
        # "ResNet v1.5" (torchvision, stride_in_1x1=False) strides in the 3x3 conv, which reads
        # every input pixel. The paper (v1) strides in the first 1x1 conv, which skips 3 of
        # every 4 pixels before any 3x3 conv sees them.
        s1, s2 = (stride, 1) if stride_in_1x1 else (1, stride)
        self.conv1 = conv1x1(inplanes, planes, s1, bias=conv_bias)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = conv3x3(planes, planes, s2, bias=conv_bias)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = conv1x1(planes, planes * self.expansion, bias=conv_bias)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x: Tensor) -> Tensor:
        identity = x if self.downsample is None else self.downsample(x)  # (B, 4*planes, H/s, W/s)
        out = self.relu(self.bn1(self.conv1(x)))  # (B, planes, H, W) (H/s in the paper variant)
        out = self.relu(self.bn2(self.conv2(out)))  # (B, planes, H/s, W/s)
        out = self.bn3(self.conv3(out))  # (B, 4*planes, H/s, W/s)
        return self.relu(out + identity)
