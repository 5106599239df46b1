"""Chapter 3: ResNet from scratch, layer for layer torchvision's, trained on digits and with DDP."""

from chapters.ch03_resnet.blocks import BasicBlock, Bottleneck
from chapters.ch03_resnet.resnet import (
    ResNet,
    resnet18,
    resnet34,
    resnet50,
    resnet101,
    resnet152,
)

__all__ = [
    "BasicBlock",
    "Bottleneck",
    "ResNet",
    "resnet18",
    "resnet34",
    "resnet50",
    "resnet101",
    "resnet152",
]
