"""Our ResNets are torchvision's: parameter counts, state_dict keys/shapes, outputs."""

from __future__ import annotations

import pytest
import torch
import torchvision
from torch import nn

from chapters.ch03_resnet import resnet18, resnet34, resnet50, resnet101, resnet152
from chapters.ch03_resnet.exercises._parity import randomise_batchnorm

PARAMS = {  # torchvision's ResNet*_Weights.meta["num_params"]
    "resnet18": (resnet18, 11_689_512),
    "resnet34": (resnet34, 21_797_672),
    "resnet50": (resnet50, 25_557_032),
    "resnet101": (resnet101, 44_549_160),
    "resnet152": (resnet152, 60_192_808),
}
NAMES = list(PARAMS)


def n_params(net: nn.Module) -> int:
    return sum(p.numel() for p in net.parameters())


@pytest.fixture(scope="module", params=NAMES)
def pair(request):
    """(name, ours, torchvision's), ours loaded from torchvision's randomised weights."""
    name = request.param
    torch.manual_seed(0)
    ref = getattr(torchvision.models, name)(weights=None)
    randomise_batchnorm(ref, torch.Generator().manual_seed(1))
    ours = PARAMS[name][0]()
    ours.load_state_dict(ref.state_dict(), strict=True)
    return name, ours.eval(), ref.eval()


@pytest.mark.parametrize("name", NAMES)
def test_parameter_count_is_torchvisions(name: str) -> None:
    ctor, expected = PARAMS[name]
    with torch.device("meta"):  # shapes only, no memory, no init cost
        assert n_params(ctor()) == expected
        assert n_params(getattr(torchvision.models, name)(weights=None)) == expected


def test_state_dict_keys_and_shapes_match(pair) -> None:
    _, ours, ref = pair
    mine, theirs = ours.state_dict(), ref.state_dict()
    assert list(mine) == list(theirs)  # same keys, same order
    assert {k: v.shape for k, v in mine.items()} == {k: v.shape for k, v in theirs.items()}


def test_eval_outputs_match_in_float64(pair) -> None:
    _, ours, ref = pair
    X = torch.randn(1, 3, 64, 64, generator=torch.Generator().manual_seed(2), dtype=torch.float64)
    with torch.no_grad():
        mine, theirs = ours.double()(X), ref.double()(X)
    ours.float(), ref.float()
    assert mine.shape == (1, 1000)
    assert theirs.abs().max() > 1e-3  # a real signal, not all zeros
    torch.testing.assert_close(mine, theirs, rtol=0, atol=1e-10)


def test_eval_outputs_match_in_float32(pair) -> None:
    _, ours, ref = pair
    X = torch.randn(1, 3, 64, 64, generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        mine, theirs = ours(X), ref(X)
    torch.testing.assert_close(mine, theirs, rtol=1e-5, atol=1e-5)


def test_a_wrong_bn_would_be_caught(pair) -> None:
    """The comparison can fail: nudging one running mean deep inside changes the output."""
    name, ours, ref = pair
    X = torch.randn(1, 3, 64, 64, generator=torch.Generator().manual_seed(4))
    with torch.no_grad():
        ours.layer4[-1].bn1.running_mean += 0.5
        try:
            assert not torch.allclose(ours(X), ref(X), rtol=1e-5, atol=1e-5)
        finally:
            ours.layer4[-1].bn1.running_mean -= 0.5


def test_torchvision_weights_load_strictly_and_bad_keys_are_refused() -> None:
    ref = torchvision.models.resnet18(weights=None)
    ours = resnet18()
    ours.load_state_dict(ref.state_dict(), strict=True)
    state = ref.state_dict()
    state["layer1.0.shortcut.weight"] = state.pop("fc.weight")
    with pytest.raises(RuntimeError, match="fc.weight"):
        ours.load_state_dict(state, strict=True)


def test_num_classes_and_in_channels() -> None:
    net = resnet50(num_classes=10, in_channels=1).eval()
    assert net.conv1.weight.shape == (64, 1, 7, 7)
    assert net.fc.weight.shape == (10, 2048)
    with torch.no_grad():
        assert net(torch.randn(3, 1, 32, 32)).shape == (3, 10)
    # Only the stem and the head change size.
    diff = n_params(resnet50()) - n_params(resnet50(num_classes=10, in_channels=1))
    assert diff == 64 * 2 * 7 * 7 + 990 * 2048 + 990


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"num_classes": 0}, "num_classes"),
        ({"in_channels": -1}, "in_channels"),
        ({"in_channels": 1.5}, "in_channels"),
        ({"variant": "v2"}, "variant"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        resnet18(**kwargs)


def test_wrong_input_channels_give_a_clear_error() -> None:
    net = resnet18(in_channels=1).eval()
    with pytest.raises(ValueError, match=r"\(B, 1, H, W\).*\(2, 3, 32, 32\)"):
        net(torch.randn(2, 3, 32, 32))
    with pytest.raises(ValueError, match="shape"):
        net(torch.randn(1, 32, 32))
