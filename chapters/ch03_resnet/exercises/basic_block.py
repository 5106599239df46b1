"""BasicBlock, judged by parity with torchvision's: keys, shapes, parameter count, outputs."""

from functools import partial

import torch
import torchvision
from hypothesis import strategies as st
from torch import nn

from chapters.ch03_resnet.blocks import BasicBlock
from chapters.ch03_resnet.exercises._parity import judge_block, parity_differences
from chapters.practice.torch_exercise import TorchExercise, wrong

TWO_BLOCKS = "1. Two blocks"
TUTORIAL = "6. The tutorial variant, and what it gets different"

STUB = '''"""ResNet's BasicBlock (the task is in README.md here). Check: make check EX=ch03_basic_block"""

import torch
from torch import nn


class BasicBlock(nn.Module):
    """Two 3x3 convs with BatchNorm, plus a shortcut: (B, inplanes, H, W) -> (B, planes, H/s, W/s)."""

    expansion = 1  # output channels = planes * expansion

    def __init__(self, inplanes: int, planes: int, stride: int = 1,
                 downsample: nn.Module | None = None) -> None:
        super().__init__()
        raise NotImplementedError("write your answer here")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError("write your answer here")
'''


@wrong("a conv bias before BatchNorm (keys torchvision does not have)", TUTORIAL)
class BiasBeforeBatchNorm(BasicBlock):
    """A learner's block with nn.Conv2d's default bias=True on both convs."""

    def __init__(self, inplanes: int, planes: int, stride: int = 1,
                 downsample: nn.Module | None = None) -> None:
        super().__init__(inplanes, planes, stride, downsample, conv_bias=True)


@wrong("no ReLU after the addition: the block returns out + identity", TWO_BLOCKS)
class NoReluAfterTheSum(BasicBlock):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)  # (B, planes, H/s, W/s)
        out = self.relu(self.bn1(self.conv1(x)))  # (B, planes, H/s, W/s)
        return self.bn2(self.conv2(out)) + identity  # the ReLU is missing here


@wrong("the last ReLU before the addition: relu(out) + identity", TWO_BLOCKS)
class ReluBeforeTheSum(BasicBlock):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)  # (B, planes, H/s, W/s)
        out = self.relu(self.bn1(self.conv1(x)))  # (B, planes, H/s, W/s)
        return self.relu(self.bn2(self.conv2(out))) + identity  # the shortcut skips the ReLU


def inputs() -> st.SearchStrategy[tuple]:
    """(inplanes, planes, stride): a few channels, stride 1 or 2."""
    return st.tuples(st.integers(1, 6), st.integers(1, 6), st.sampled_from([1, 2]))


EXERCISE = TorchExercise(
    title="ResNet's BasicBlock, exactly torchvision's",
    statement="""
Write the class `BasicBlock(inplanes, planes, stride=1, downsample=None)`, the block of
ResNet-18 and ResNet-34, so exactly like `torchvision.models.resnet.BasicBlock` that
torchvision's `state_dict` loads into it with `strict=True` and gives the same outputs.

* Input `x` of shape `(B, inplanes, H, W)`; output `(B, planes, H/stride, W/stride)`.
* Main path: a 3x3 conv (`inplanes -> planes`, the block's stride, padding 1), BatchNorm, ReLU,
  then a 3x3 conv (`planes -> planes`, stride 1, padding 1) and BatchNorm.
* Shortcut: `x` itself, or `downsample(x)` when a `downsample` module is given.
* Output: ReLU of (main path + shortcut). `expansion = 1` is a class attribute.
* The submodules are named as torchvision names them: `conv1`, `bn1`, `relu`, `conv2`, `bn2`,
  `downsample` (keep `self.stride` too).

The judge builds your block for each `(inplanes, planes, stride)` it draws. It passes a
`downsample` (a 1x1 conv with the block's stride, no bias, then BatchNorm) when the stride is 2
or the channel count changes, as torchvision's `_make_layer` does, and compares with
torchvision's block: the `state_dict` keys and shapes in order, the parameter count, and, after
loading torchvision's weights (random BatchNorm statistics, eval mode), the outputs in float64
on a `(2, inplanes, 8, 8)` input.
""",
    stub=STUB,
    name="BasicBlock",
    reference=BasicBlock,
    inputs=inputs,
    example=(4, 8, 2),
    run=partial(judge_block, theirs_cls=torchvision.models.resnet.BasicBlock),
    differences=parity_differences,
    hints=(
        "The README's section 1 has the block as three lines of pseudo-code; torchvision names "
        "every submodule, and a state_dict key is 'submodule name.parameter name'.",
        "BatchNorm right after a conv subtracts the mean, so the convs need no bias: "
        "nn.Conv2d(..., bias=False). Only conv1 has the stride.",
        "forward: identity = x if self.downsample is None else self.downsample(x); "
        "out = self.relu(self.bn1(self.conv1(x))); out = self.bn2(self.conv2(out)); "
        "return self.relu(out + identity).",
    ),
    wrong=(BiasBeforeBatchNorm, NoReluAfterTheSum, ReluBeforeTheSum),
)
