"""The ResNet trunk, `_make_layer`, and the five constructors resnet18 ... resnet152."""

from __future__ import annotations

from torch import Tensor, nn

from chapters.ch03_resnet.blocks import BasicBlock, Bottleneck, conv1x1

Block = type[BasicBlock] | type[Bottleneck]

# depth -> (block, blocks per stage); the same table as the paper's and torchvision's.
ARCHS: dict[int, tuple[Block, list[int]]] = {
    18: (BasicBlock, [2, 2, 2, 2]),
    34: (BasicBlock, [3, 4, 6, 3]),
    50: (Bottleneck, [3, 4, 6, 3]),
    101: (Bottleneck, [3, 4, 23, 3]),
    152: (Bottleneck, [3, 8, 36, 3]),
}
VARIANTS = ("torchvision", "paper")


class ResNet(nn.Module):
    """Stem, four stages of residual blocks, global average pool, one linear classifier.

    variant="torchvision" is torchvision's model exactly (same state_dict keys and shapes).
    variant="paper" is the simpler version often found in tutorials: a 3x3 stride-2 stem conv,
    a bias on every conv, a fixed AvgPool2d(7) (224x224 inputs only) and, in the bottleneck,
    the stride on the first 1x1 conv as in the original paper.
    """

    def __init__(
        self,
        block: Block,
        layers: list[int],
        num_classes: int = 1000,
        in_channels: int = 3,
        *,
        zero_init_residual: bool = False,
        variant: str = "torchvision",
    ) -> None:
        super().__init__()
        if block not in (BasicBlock, Bottleneck):
            raise TypeError(f"block must be BasicBlock or Bottleneck, got {block!r}")
        if len(layers) != 4 or any(not isinstance(n, int) or n < 1 for n in layers):
            raise ValueError(f"layers must be four positive block counts, got {layers!r}")
        for name, value in (("num_classes", num_classes), ("in_channels", in_channels)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a positive int, got {value!r}")
        if variant not in VARIANTS:
            raise ValueError(f"variant must be one of {VARIANTS}, got {variant!r}")
        self.variant = variant
        self.in_channels = in_channels
        paper = variant == "paper"
        self._block_options = {"conv_bias": paper, "stride_in_1x1": paper}
        self.inplanes = 64  # channels entering the next block; _make_layer updates it

        if paper:  # tutorial stem: 3x3 stride 2 with a (useless) bias
            self.conv1 = nn.Conv2d(in_channels, 64, kernel_size=3, stride=2, padding=1, bias=True)
        else:  # torchvision and the paper: 7x7 stride 2, no bias
            self.conv1 = nn.Conv2d(in_channels, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, 64, layers[0])
        self.layer2 = self._make_layer(block, 128, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 256, layers[2], stride=2)
        self.layer4 = self._make_layer(block, 512, layers[3], stride=2)
        # Adaptive pooling averages whatever H x W arrives down to 1x1, so any input size
        # works; AvgPool2d(7) only gives 1x1 when the last map is 7x7, i.e. 224x224 inputs.
        self.avgpool = nn.AvgPool2d(7) if paper else nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512 * block.expansion, num_classes)

        for m in self.modules():  # torchvision's initialisation
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        if zero_init_residual:
            # The last BN of each block starts at weight 0, so every block starts as
            # relu(shortcut(x)): the deep net begins as a shallow one and learns the residuals.
            for m in self.modules():
                if isinstance(m, Bottleneck):
                    nn.init.zeros_(m.bn3.weight)
                elif isinstance(m, BasicBlock):
                    nn.init.zeros_(m.bn2.weight)

    def _make_layer(self, block: Block, planes: int, blocks: int, stride: int = 1) -> nn.Sequential:
        """One stage: `blocks` blocks, the first one changing stride and channels if needed."""
        downsample = None
        out_ch = planes * block.expansion
        if stride != 1 or self.inplanes != out_ch:
            # The shortcut must match the main path's shape: a 1x1 conv (with the same stride)
            # and a BN. Otherwise the shortcut is the identity and costs nothing.
            downsample = nn.Sequential(
                conv1x1(self.inplanes, out_ch, stride, bias=self._block_options["conv_bias"]),
                nn.BatchNorm2d(out_ch),
            )
        layers = [block(self.inplanes, planes, stride, downsample, **self._block_options)]
        self.inplanes = out_ch
        for _ in range(1, blocks):
            layers.append(block(self.inplanes, planes, **self._block_options))
        return nn.Sequential(*layers)

    def features(self, x: Tensor) -> Tensor:
        """Everything before the pooling: (B, C, H, W) -> (B, 512*expansion, H/32, W/32)."""
        if not isinstance(x, Tensor) or x.dim() != 4 or x.shape[1] != self.in_channels:
            shape = tuple(x.shape) if isinstance(x, Tensor) else type(x).__name__
            raise ValueError(f"expected input of shape (B, {self.in_channels}, H, W), got {shape}")
        x = self.relu(self.bn1(self.conv1(x)))  # (B, 64, H/2, W/2)
        x = self.maxpool(x)  # (B, 64, H/4, W/4)
        x = self.layer1(x)  # (B, 64*e, H/4, W/4)
        x = self.layer2(x)  # (B, 128*e, H/8, W/8)
        x = self.layer3(x)  # (B, 256*e, H/16, W/16)
        return self.layer4(x)  # (B, 512*e, H/32, W/32)

    def forward(self, x: Tensor) -> Tensor:
        x = self.avgpool(self.features(x))  # (B, 512*e, 1, 1)
        x = x.flatten(1)  # (B, 512*e)
        return self.fc(x)  # (B, num_classes)


def _resnet(depth: int, num_classes: int, in_channels: int, **kwargs) -> ResNet:
    block, layers = ARCHS[depth]
    return ResNet(block, layers, num_classes=num_classes, in_channels=in_channels, **kwargs)


def resnet18(num_classes: int = 1000, in_channels: int = 3, **kwargs) -> ResNet:
    """ResNet-18: BasicBlock x [2, 2, 2, 2], 11,689,512 parameters at 1000 classes."""
    return _resnet(18, num_classes, in_channels, **kwargs)


def resnet34(num_classes: int = 1000, in_channels: int = 3, **kwargs) -> ResNet:
    """ResNet-34: BasicBlock x [3, 4, 6, 3], 21,797,672 parameters at 1000 classes."""
    return _resnet(34, num_classes, in_channels, **kwargs)


def resnet50(num_classes: int = 1000, in_channels: int = 3, **kwargs) -> ResNet:
    """ResNet-50: Bottleneck x [3, 4, 6, 3], 25,557,032 parameters at 1000 classes."""
    return _resnet(50, num_classes, in_channels, **kwargs)


def resnet101(num_classes: int = 1000, in_channels: int = 3, **kwargs) -> ResNet:
    """ResNet-101: Bottleneck x [3, 4, 23, 3], 44,549,160 parameters at 1000 classes."""
    return _resnet(101, num_classes, in_channels, **kwargs)


def resnet152(num_classes: int = 1000, in_channels: int = 3, **kwargs) -> ResNet:
    """ResNet-152: Bottleneck x [3, 8, 36, 3], 60,192,808 parameters at 1000 classes."""
    return _resnet(152, num_classes, in_channels, **kwargs)


CONSTRUCTORS = {
    "resnet18": resnet18,
    "resnet34": resnet34,
    "resnet50": resnet50,
    "resnet101": resnet101,
    "resnet152": resnet152,
}
