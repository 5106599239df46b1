"""Wrong versions next to right ones, with the state_dict keys each produces."""

import pytest
import torch

from chapters.ch02_modules import registration as r

EXPECTED = {
    r.ScaleWithPlainTensor: [],
    r.ScaleWithParameter: ["scale"],
    r.StackWithList: [],
    r.StackWithModuleList: [
        "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"
    ],
    r.HeadsWithDict: [],
    r.HeadsWithModuleDict: [
        "heads.cls.weight", "heads.cls.bias", "heads.box.weight", "heads.box.bias"
    ],
}


@pytest.mark.parametrize("cls", list(EXPECTED), ids=lambda c: c.__name__)
def test_state_dict_keys(cls):
    assert r.state_dict_keys(cls()) == EXPECTED[cls]


@pytest.mark.parametrize("title,wrong,right", r.PAIRS, ids=[p[0] for p in r.PAIRS])
def test_wrong_version_is_invisible_to_parameters_right_one_is_not(title, wrong, right):
    assert r.count_parameters(wrong()) == 0
    assert r.count_parameters(right()) > 0


def test_both_versions_compute_the_same_forward():
    torch.manual_seed(0)
    wrong, right = r.StackWithList(), r.StackWithModuleList()
    for bad, good in zip(wrong.layers, right.layers, strict=True):
        good.load_state_dict(bad.state_dict())
    X = torch.randn(3, 2)
    torch.testing.assert_close(wrong(X), right(X))  # forward alone cannot reveal the bug


def test_hidden_layers_do_not_follow_to_and_are_not_trained():
    wrong, right = r.StackWithList().double(), r.StackWithModuleList().double()
    assert wrong.layers[0].weight.dtype == torch.float32  # left behind
    assert right.layers[0].weight.dtype == torch.float64
    assert list(wrong.parameters()) == []  # an optimiser over these would see nothing
    with pytest.raises(ValueError, match="empty parameter list"):
        torch.optim.SGD(wrong.parameters(), lr=0.1)


def test_plain_tensor_has_no_grad_parameter_has():
    X = torch.ones(2, 3)
    wrong, right = r.ScaleWithPlainTensor(), r.ScaleWithParameter()
    right(X).sum().backward()
    assert right.scale.grad is not None and torch.equal(right.scale.grad, torch.full((3,), 2.0))
    assert not wrong(X).requires_grad
