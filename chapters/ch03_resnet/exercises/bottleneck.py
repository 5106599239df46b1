"""Bottleneck, judged by parity with torchvision's (ResNet v1.5): keys, shapes, count, outputs."""

from functools import partial

import torch
import torchvision
from hypothesis import strategies as st
from torch import nn

from chapters.ch03_resnet.blocks import Bottleneck
from chapters.ch03_resnet.exercises._parity import judge_block, parity_differences
from chapters.practice.torch_exercise import TorchExercise, wrong

TWO_BLOCKS = "1. Two blocks"
TUTORIAL = "6. The tutorial variant, and what it gets different"

STUB = '''"""ResNet's Bottleneck (the task is in README.md here). Check: make check EX=ch03_bottleneck"""

import torch
from torch import nn


class Bottleneck(nn.Module):
    """1x1, 3x3, 1x1 convs with BatchNorm, plus a shortcut:
    (B, inplanes, H, W) -> (B, planes * expansion, H/s, W/s)."""

    expansion = ...  # output channels = planes * expansion: how many?

    def __init__(self, inplanes: int, planes: int, stride: int = 1,
                 downsample: nn.Module | None = None) -> None:
        super().__init__()
        raise NotImplementedError("write your answer here")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError("write your answer here")
'''


@wrong("v1 vs v1.5: the stride on the first 1x1 conv (the paper) instead of the 3x3 (torchvision)",
       TUTORIAL)
class StrideOnTheFirst1x1(Bottleneck):
    """The paper's block: conv1 = 1x1 with stride s, conv2 = 3x3 with stride 1."""

    def __init__(self, inplanes: int, planes: int, stride: int = 1,
                 downsample: nn.Module | None = None) -> None:
        super().__init__(inplanes, planes, stride, downsample, stride_in_1x1=True)


@wrong("a conv bias before BatchNorm (keys torchvision does not have)", TUTORIAL)
class BiasBeforeBatchNorm(Bottleneck):
    """A learner's block with nn.Conv2d's default bias=True on the three convs."""

    def __init__(self, inplanes: int, planes: int, stride: int = 1,
                 downsample: nn.Module | None = None) -> None:
        super().__init__(inplanes, planes, stride, downsample, conv_bias=True)


@wrong("no expansion: the last 1x1 conv gives planes channels, not 4 * planes", TWO_BLOCKS)
class NoExpansion(nn.Module):
    """A learner's block that squeezes and never expands again (expansion = 1)."""

    expansion = 1

    def __init__(self, inplanes: int, planes: int, stride: int = 1,
                 downsample: nn.Module | None = None) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes, 1, bias=False)  # planes * 4 in torchvision
        self.bn3 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)  # (B, planes, H/s, W/s)
        out = self.relu(self.bn1(self.conv1(x)))  # (B, planes, H, W)
        out = self.relu(self.bn2(self.conv2(out)))  # (B, planes, H/s, W/s)
        return self.relu(self.bn3(self.conv3(out)) + identity)  # (B, planes, H/s, W/s)


def inputs() -> st.SearchStrategy[tuple]:
    """(inplanes, planes, stride): a few channels, stride 1 or 2."""
    return st.tuples(st.integers(1, 8), st.integers(1, 3), st.sampled_from([1, 2]))


EXERCISE = TorchExercise(
    title="ResNet's Bottleneck, exactly torchvision's (v1.5)",
    statement="""
Write the class `Bottleneck(inplanes, planes, stride=1, downsample=None)`, the block of
ResNet-50, 101 and 152, so exactly like `torchvision.models.resnet.Bottleneck` that
torchvision's `state_dict` loads into it with `strict=True` and gives the same outputs.

* Input `x` of shape `(B, inplanes, H, W)`; output `(B, planes * expansion, H/stride, W/stride)`.
* Main path: a 1x1 conv that squeezes `inplanes -> planes`, a 3x3 conv `planes -> planes`
  (padding 1), a 1x1 conv that expands `planes -> planes * expansion`; each followed by
  BatchNorm, the first two also by ReLU. Which conv carries the stride is the point of this
  exercise: do as torchvision does.
* Shortcut: `x` itself, or `downsample(x)` when a `downsample` module is given.
* Output: ReLU of (main path + shortcut). `expansion` is a class attribute: set it.
* The submodules are named as torchvision names them: `conv1`, `bn1`, `conv2`, `bn2`, `conv3`,
  `bn3`, `relu`, `downsample` (keep `self.stride` too).

The judge builds your block for each `(inplanes, planes, stride)` it draws. It passes a
`downsample` (a 1x1 conv with the block's stride, no bias, then BatchNorm, to
`planes * expansion` channels) when the stride is 2 or the channel count changes, as
torchvision's `_make_layer` does, and compares with torchvision's block: the `state_dict` keys
and shapes in order, the parameter count, and, after loading torchvision's weights (random
BatchNorm statistics, eval mode), the outputs in float64 on a `(2, inplanes, 8, 8)` input.
""",
    stub=STUB,
    name="Bottleneck",
    reference=Bottleneck,
    inputs=inputs,
    example=(8, 2, 2),
    run=partial(judge_block, theirs_cls=torchvision.models.resnet.Bottleneck),
    differences=parity_differences,
    hints=(
        "A stage with planes=64 outputs 256 channels: expansion = 4. The convs need no bias "
        "(BatchNorm follows each one).",
        "A 1x1 conv with stride 2 reads one pixel in four and drops the rest. torchvision "
        "(ResNet v1.5) puts the stride on the 3x3 conv, whose windows cover every pixel.",
        "conv1 = 1x1 (inplanes -> planes, stride 1), conv2 = 3x3 (planes -> planes, stride, "
        "padding 1), conv3 = 1x1 (planes -> planes * 4); return self.relu(bn3(conv3(...)) + identity).",
    ),
    wrong=(StrideOnTheFirst1x1, BiasBeforeBatchNorm, NoExpansion),
)
