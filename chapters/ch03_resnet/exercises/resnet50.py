"""A whole resnet50, judged by parity with torchvision's: 25,557,032 parameters, keys, outputs."""

from functools import lru_cache

import torch
import torchvision
from hypothesis import strategies as st
from torch import nn

from chapters.ch03_resnet.exercises._parity import (
    fork_safe,
    parity_differences,
    summary,
    theirs_state,
)
from chapters.ch03_resnet.resnet import resnet50
from chapters.practice.torch_exercise import TorchExercise, wrong

TRUNK = "2. The trunk and `_make_layer`"
TUTORIAL = "6. The tutorial variant, and what it gets different"
SIZE = 32  # the judge's images: 32x32 (layer4's map is 1x1), so a float64 forward is quick

STUB = '''"""A whole ResNet-50 (the task is in README.md here). Check: make check EX=ch03_resnet50"""

import torch
from torch import nn

# Paste your Bottleneck from ch03_bottleneck here (practice/ch03_bottleneck/solution.py).


def resnet50(num_classes: int = 1000, in_channels: int = 3) -> nn.Module:
    """ResNet-50 as torchvision builds it: (B, in_channels, H, W) -> (B, num_classes) logits."""
    raise NotImplementedError("write your answer here")
'''


@lru_cache(maxsize=1)
def torchvision_state(num_classes: int, in_channels: int) -> dict[str, torch.Tensor]:
    """torchvision's resnet50 (random init, seeded; no download), BatchNorms randomised."""
    torch.manual_seed(0)
    theirs = torchvision.models.resnet50(weights=None, num_classes=num_classes)
    if in_channels != 3:  # torchvision has no in_channels: only the stem's conv changes
        theirs.conv1 = nn.Conv2d(in_channels, 64, kernel_size=7, stride=2, padding=3, bias=False)
    return theirs_state(theirs)


@lru_cache(maxsize=16)
def judge_resnet(constructor, args: tuple) -> dict:
    """Build the learner's network and summarise its parity with torchvision's.

    Remembered per (constructor, args): the judge asks for the reference's and the known wrong
    answers' summaries again on every check, and each costs seconds.
    """
    fork_safe()
    num_classes, in_channels = args
    torch.manual_seed(0)
    net = constructor(num_classes=num_classes, in_channels=in_channels)
    X = torch.randn(1, in_channels, SIZE, SIZE, generator=torch.Generator().manual_seed(2),
                    dtype=torch.float64)
    return summary(net, torchvision_state(num_classes, in_channels), X)


@wrong("v1 vs v1.5: the stride on the first 1x1 conv (the paper) instead of the 3x3 (torchvision)",
       TUTORIAL)
def stride_on_the_first_1x1(num_classes: int = 1000, in_channels: int = 3) -> nn.Module:
    """What a resnet50 built from the paper's bottleneck computes."""
    net = resnet50(num_classes, in_channels)
    for stage in (net.layer2, net.layer3, net.layer4):
        stage[0].conv1.stride, stage[0].conv2.stride = (2, 2), (1, 1)
    return net


@wrong("the tutorials' 3x3 stem conv instead of torchvision's 7x7, stride 2, padding 3", TUTORIAL)
def small_stem(num_classes: int = 1000, in_channels: int = 3) -> nn.Module:
    net = resnet50(num_classes, in_channels)
    net.conv1 = nn.Conv2d(in_channels, 64, kernel_size=3, stride=2, padding=1, bias=False)
    return net


@wrong("the stem's 3x3 max pool (stride 2) left out", TRUNK)
def no_max_pool(num_classes: int = 1000, in_channels: int = 3) -> nn.Module:
    net = resnet50(num_classes, in_channels)
    net.maxpool = nn.Identity()  # no parameters: the keys agree, the outputs do not
    return net


def inputs() -> st.SearchStrategy[tuple]:
    """(num_classes, in_channels): a resnet50 costs a second or two, so only a few of them."""
    return st.sampled_from([(10, 1), (7, 3)])


EXERCISE = TorchExercise(
    title="A whole ResNet-50, exactly torchvision's",
    statement=f"""
Write `resnet50(num_classes=1000, in_channels=3)`: a module that maps `(B, in_channels, H, W)`
images to `(B, num_classes)` logits, so exactly like `torchvision.models.resnet50(weights=None)`
that torchvision's `state_dict` loads into it with `strict=True` and gives the same outputs.
With the defaults it has 25,557,032 parameters.

* Stem: a 7x7 conv (`in_channels -> 64`, stride 2, padding 3, no bias), BatchNorm, ReLU, a 3x3
  max pool with stride 2 and padding 1.
* Four stages `layer1` ... `layer4` of 3, 4, 6 and 3 Bottleneck blocks (your block from
  `ch03_bottleneck`) with 64, 128, 256, 512 planes and strides 1, 2, 2, 2. Only the first block
  of a stage strides, and it gets a `downsample` (1x1 conv with that stride, no bias, then
  BatchNorm) when the stride is not 1 or the channel count changes.
* Head: `AdaptiveAvgPool2d((1, 1))` as `avgpool`, flatten, `nn.Linear(2048, num_classes)` as `fc`.
* Names and order as torchvision's: `conv1`, `bn1`, `relu`, `maxpool`, `layer1` ... `layer4`
  (each an `nn.Sequential`), `avgpool`, `fc`.

The judge builds your network for a few `(num_classes, in_channels)` and compares with
torchvision's (whose stem conv it replaces when `in_channels` is not 3): the `state_dict` keys
and shapes in order, the parameter count, and, after loading torchvision's weights (random
BatchNorm statistics, eval mode), the logits in float64 on one `(1, in_channels, {SIZE}, {SIZE})`
image. A check takes about half a minute.
""",
    stub=STUB,
    name="resnet50",
    reference=resnet50,
    inputs=inputs,
    example=(1000, 3),
    run=judge_resnet,
    differences=parity_differences,
    hints=(
        "Write a helper make_layer(planes, blocks, stride) that builds one nn.Sequential stage and "
        "remembers how many channels come out (planes * 4) for the next stage.",
        "layer1 needs a downsample although its stride is 1: 64 channels come in, 256 go out. "
        "The rule is `stride != 1 or inplanes != planes * 4`.",
        "forward: maxpool(relu(bn1(conv1(x)))), then layer1 ... layer4, then "
        "fc(torch.flatten(avgpool(x), 1)). Only the first block of a stage gets the stride.",
    ),
    wrong=(stride_on_the_first_1x1, small_stem, no_max_pool),
    timeout_s=60.0,
)
