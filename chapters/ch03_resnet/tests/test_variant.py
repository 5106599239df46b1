"""The tutorial ("paper") variant differs from torchvision's exactly where the lesson says."""

from __future__ import annotations

import pytest
import torch
import torchvision
from torch import nn

from chapters.ch03_resnet import BasicBlock, Bottleneck, resnet18, resnet50


def n_params(net: nn.Module) -> int:
    return sum(p.numel() for p in net.parameters())


def test_fixed_avgpool_needs_224_adaptive_takes_any_size() -> None:
    with torch.device("meta"):  # shapes only: no arithmetic, instant
        paper, tv = resnet50(variant="paper").eval(), resnet50().eval()
        assert paper(torch.empty(1, 3, 224, 224)).shape == (1, 1000)
        for size in (32, 64, 97, 224, 256, 448):
            assert tv(torch.empty(1, 3, size, size)).shape == (1, 1000)
        with pytest.raises(RuntimeError, match="too small"):  # last map 2x2 < 7x7
            paper(torch.empty(1, 3, 64, 64))
        with pytest.raises(RuntimeError, match="8192"):  # 2x2 pooled map: 2048*4 features
            paper(torch.empty(1, 3, 448, 448))


def test_fixed_avgpool_silently_drops_pixels_at_256() -> None:
    # 256x256 gives an 8x8 last map; AvgPool2d(7) with stride 7 keeps one 7x7 window and
    # ignores the last row and column. Adaptive pooling averages all 64 positions.
    fmap = torch.arange(64.0).reshape(1, 1, 8, 8)  # (B, C, H, W)
    assert nn.AvgPool2d(7)(fmap).item() == fmap[..., :7, :7].mean().item() == 27.0
    assert nn.AdaptiveAvgPool2d(1)(fmap).item() == fmap.mean().item() == 31.5


def test_paper_variant_differs_in_parameters_and_cannot_load_torchvision_weights() -> None:
    with torch.device("meta"):
        paper, tv = resnet18(variant="paper"), resnet18()
    conv_biases = sum(m.out_channels for m in paper.modules() if isinstance(m, nn.Conv2d))
    stem_shrink = 64 * 3 * (7 * 7 - 3 * 3)  # 7x7 stem weights minus 3x3 stem weights
    assert n_params(paper) - n_params(tv) == conv_biases - stem_shrink
    assert n_params(tv) == 11_689_512
    with pytest.raises(RuntimeError) as error:
        resnet18(variant="paper").load_state_dict(
            torchvision.models.resnet18(weights=None).state_dict(), strict=True
        )
    message = str(error.value)
    assert 'Missing key(s) in state_dict: "conv1.bias"' in message
    assert "size mismatch for conv1.weight" in message


def test_a_bias_before_batchnorm_does_nothing_in_training() -> None:
    torch.manual_seed(0)
    block = BasicBlock(8, 8, conv_bias=True).train()
    X = torch.randn(4, 8, 6, 6)
    out = block(X)
    out.square().sum().backward()
    # BN subtracts the batch mean per channel, so a per-channel constant cancels out:
    assert block.conv1.bias.grad.abs().max() < 1e-4 * block.conv1.weight.grad.abs().max()
    with torch.no_grad():
        block.conv1.bias.add_(5.0)
        block.conv2.bias.sub_(3.0)
    torch.testing.assert_close(block(X), out.detach(), atol=1e-5, rtol=1e-5)


def _stride_gradient(block: nn.Module, inplanes: int) -> torch.Tensor:
    """|d out / d X| summed over batch and channels: (H, W), 0 where X was never read."""
    X = torch.randn(2, inplanes, 8, 8, requires_grad=True)
    block(X).sum().backward()
    return X.grad.abs().sum(dim=(0, 1))  # (H, W)


@pytest.mark.parametrize("stride_in_1x1", [False, True])
def test_stride_placement_in_the_bottleneck(stride_in_1x1: bool) -> None:
    torch.manual_seed(0)
    downsample = nn.Sequential(nn.Conv2d(16, 16, 1, stride=2, bias=False), nn.BatchNorm2d(16))
    block = Bottleneck(16, 4, stride=2, downsample=downsample, stride_in_1x1=stride_in_1x1)
    assert block(torch.randn(2, 16, 8, 8)).shape == (2, 16, 4, 4)  # same shape either way
    read = _stride_gradient(block, 16) > 0  # (H, W)
    if stride_in_1x1:
        # Paper (v1): the 1x1 stride-2 conv and the 1x1 stride-2 shortcut read only the
        # even rows and columns; 3 of every 4 input pixels cannot affect the output at all.
        assert read[::2, ::2].all() and read.sum().item() == 16
    else:
        # v1.5: the 3x3 stride-2 conv's windows overlap and cover every input pixel.
        assert read.all()


def test_stride_placement_is_the_only_bottleneck_difference() -> None:
    torch.manual_seed(0)
    v15, v1 = Bottleneck(16, 4), Bottleneck(16, 4, stride_in_1x1=True)  # stride 1 here
    v1.load_state_dict(v15.state_dict())
    X = torch.randn(2, 16, 8, 8)
    torch.testing.assert_close(v1.eval()(X), v15.eval()(X), rtol=0, atol=0)
    down = nn.Sequential(nn.Conv2d(16, 16, 1, stride=2, bias=False), nn.BatchNorm2d(16))
    v15 = Bottleneck(16, 4, stride=2, downsample=down)
    v1 = Bottleneck(16, 4, stride=2, downsample=down, stride_in_1x1=True)
    v1.load_state_dict(v15.state_dict())
    assert not torch.allclose(v1.eval()(X), v15.eval()(X))


@pytest.mark.parametrize("ctor, last_bn", [(resnet18, "bn2"), (resnet50, "bn3")])
def test_zero_init_residual_makes_every_block_start_as_its_shortcut(ctor, last_bn) -> None:
    torch.manual_seed(0)
    net = ctor(zero_init_residual=True)
    blocks = [b for layer in (net.layer1, net.layer2, net.layer3, net.layer4) for b in layer]
    assert all(getattr(b, last_bn).weight.abs().sum() == 0 for b in blocks)
    assert all(getattr(b, last_bn).weight.abs().sum() > 0 for b in ctor().layer1)  # default
    # A block without a downsample then computes relu(0 + x) = x for the x it receives
    # (non-negative: it comes out of a ReLU), in training and in eval mode alike.
    block = net.layer2[1]
    X = torch.relu(torch.randn(2, block.conv1.in_channels, 5, 5))
    for mode in (True, False):
        block.train(mode)
        with torch.no_grad():
            assert torch.equal(block(X), X)
