"""O = (I - K + 2P) / S + 1 on every stage, the layer table, and FLOPs."""

from __future__ import annotations

import pytest
import torch
import torchvision

from chapters.ch03_resnet import resnet18, resnet34, resnet50, resnet101, resnet152
from chapters.ch03_resnet.shapes import (
    conv_flops_by_hand,
    conv_output_size,
    count_flops,
    layer_table,
    stage_sizes,
)


@pytest.mark.parametrize(
    "size, kernel, stride, padding, expected",
    [
        (224, 7, 2, 3, 112),  # the stem conv: (224 - 7 + 6) / 2 + 1 = 112.5 -> 112
        (112, 3, 2, 1, 56),  # the max pool
        (56, 3, 1, 1, 56),  # a 3x3 conv with padding 1 keeps the size
        (56, 1, 2, 0, 28),  # the 1x1 stride-2 shortcut
        (7, 3, 2, 1, 4),  # odd sizes round up: (7 - 3 + 2) / 2 + 1 = 4
        (7, 7, 7, 0, 1),  # AvgPool2d(7) on a 7x7 map
        (8, 7, 7, 0, 1),  # ... and on an 8x8 map: still 1, the last row/column dropped
    ],
)
def test_conv_output_size(size, kernel, stride, padding, expected) -> None:
    assert conv_output_size(size, kernel, stride, padding) == expected
    conv = torch.nn.Conv2d(1, 1, kernel, stride, padding)
    assert conv(torch.zeros(1, 1, size, size)).shape[-1] == expected  # torch agrees


def test_conv_output_size_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="stride"):
        conv_output_size(32, 3, 0)
    with pytest.raises(ValueError, match="padding"):
        conv_output_size(32, 3, 1, -1)
    with pytest.raises(ValueError, match="larger than the padded input"):
        conv_output_size(2, 7, 1, 0)


@pytest.mark.parametrize("ctor", [resnet18, resnet50], ids=["resnet18", "resnet50"])
@pytest.mark.parametrize("size", [224, 97, 32])
def test_formula_predicts_every_stage(ctor, size) -> None:
    with torch.device("meta"):
        net = ctor().eval()
        rows = layer_table(net, torch.empty(1, 3, size, size))
    measured = {name: shape[-1] for name, shape, _ in rows}
    predicted = stage_sizes(size, net)
    for name, s in predicted.items():
        assert measured[name] == s, (name, measured[name], s)
    assert set(predicted) == {"conv1", "maxpool", "layer1", "layer2", "layer3", "layer4"}


def test_layer_table_of_resnet18_at_224() -> None:
    with torch.device("meta"):
        rows = layer_table(resnet18().eval(), torch.empty(1, 3, 224, 224))
    assert rows == [
        ("conv1", (1, 64, 112, 112), 9408),
        ("bn1", (1, 64, 112, 112), 128),
        ("relu", (1, 64, 112, 112), 0),
        ("maxpool", (1, 64, 56, 56), 0),
        ("layer1", (1, 64, 56, 56), 147968),
        ("layer2", (1, 128, 28, 28), 525568),
        ("layer3", (1, 256, 14, 14), 2099712),
        ("layer4", (1, 512, 7, 7), 8393728),
        ("avgpool", (1, 512, 1, 1), 0),
        ("fc", (1, 1000), 513000),
    ]
    assert sum(p for _, _, p in rows) == 11_689_512


def test_layer_table_of_resnet50_at_224() -> None:
    with torch.device("meta"):
        rows = layer_table(resnet50().eval(), torch.empty(1, 3, 224, 224))
    shapes = {name: shape for name, shape, _ in rows}
    assert shapes["layer1"] == (1, 256, 56, 56)  # Bottleneck: 4 x 64 channels
    assert shapes["layer4"] == (1, 2048, 7, 7)
    assert sum(p for _, _, p in rows) == 25_557_032


GFLOPS = [  # torchvision's ResNet*_Weights.meta["_ops"]: GFLOPs (multiply-adds, in billions)
    (resnet18, "ResNet18_Weights", 1.814),
    (resnet34, "ResNet34_Weights", 3.664),
    (resnet50, "ResNet50_Weights", 4.089),
    (resnet101, "ResNet101_Weights", 7.801),
    (resnet152, "ResNet152_Weights", 11.514),
]


@pytest.mark.parametrize("ctor, weights, gmacs", GFLOPS, ids=[g[1] for g in GFLOPS])
def test_flops_match_the_hand_count_and_torchvision(ctor, weights, gmacs) -> None:
    assert getattr(torchvision.models, weights).IMAGENET1K_V1.meta["_ops"] == gmacs
    with torch.device("meta"):
        net = ctor().eval()
        X = torch.empty(1, 3, 224, 224)
        flops = count_flops(net, X)
        assert flops == conv_flops_by_hand(net, X)
    # The counter counts a multiply-add as 2 FLOPs; torchvision quotes multiply-adds.
    assert round(flops / 2 / 1e9, 3) == gmacs


def test_flops_of_the_digits_model() -> None:
    net = resnet18(num_classes=10, in_channels=1).eval()
    X = torch.randn(1, 1, 32, 32)
    flops = count_flops(net, X)
    # By hand: stem 2*49*64*16*16 = 1,605,632; layer1 4 * 2*576*64*8*8 = 18,874,368;
    # layers 2-4 each 16,777,216 (their maps shrink 4x as their channels double); fc 10,240.
    assert flops == conv_flops_by_hand(net, X) == 70_821_888
