"""The Linear module, and the (in, out) vs nn.Linear (out, in) weight layouts."""

import math

import pytest
import torch
from torch import nn

from chapters.ch04_autograd_function.layouts import from_nn_linear, to_nn_linear
from chapters.ch04_autograd_function.module import Linear


def test_parameters_shapes_and_repr():
    torch.manual_seed(0)
    layer = Linear(4, 3)
    assert [(n, tuple(p.shape)) for n, p in layer.named_parameters()] == [
        ("weight", (4, 3)),
        ("bias", (3,)),
    ]
    assert repr(layer) == "Linear(in_features=4, out_features=3, bias=True)"
    no_bias = Linear(4, 3, bias=False)
    assert no_bias.bias is None and len(list(no_bias.parameters())) == 1
    assert "bias=False" in repr(no_bias)


def test_init_bound_is_one_over_sqrt_fan_in():
    torch.manual_seed(0)
    layer = Linear(64, 256)
    bound = 1 / math.sqrt(64)
    assert layer.weight.abs().max() <= bound and layer.bias.abs().max() <= bound
    # uniform on [-bound, bound] has standard deviation bound / sqrt(3)
    assert abs(layer.weight.std().item() - bound / math.sqrt(3)) < 0.01


def test_forward_backward_and_dtype():
    torch.manual_seed(0)
    layer = Linear(4, 3, dtype=torch.float64)
    X = torch.randn(2, 5, 4, dtype=torch.float64)
    Y = layer(X)
    assert Y.shape == (2, 5, 3) and Y.dtype == torch.float64
    torch.testing.assert_close(Y, X @ layer.weight + layer.bias)
    Y.sum().backward()
    torch.testing.assert_close(layer.bias.grad, torch.full((3,), 10.0, dtype=torch.float64))


@pytest.mark.parametrize("bias", [True, False])
def test_layout_conversion_same_outputs_and_grads(bias):
    torch.manual_seed(0)
    theirs = nn.Linear(6, 4, bias=bias, dtype=torch.float64)
    ours = from_nn_linear(theirs)
    assert ours.weight.shape == (6, 4) and theirs.weight.shape == (4, 6)
    X = torch.randn(3, 2, 6, dtype=torch.float64)
    dY = torch.randn(3, 2, 4, dtype=torch.float64)
    torch.testing.assert_close(ours(X), theirs(X))
    ours(X).backward(dY)
    theirs(X).backward(dY)
    torch.testing.assert_close(ours.weight.grad, theirs.weight.grad.T)  # same numbers, transposed
    if bias:
        torch.testing.assert_close(ours.bias.grad, theirs.bias.grad)
    back = to_nn_linear(ours)
    torch.testing.assert_close(back.weight, theirs.weight)
    torch.testing.assert_close(back(X), theirs(X))


def test_copying_without_transpose_is_wrong():
    torch.manual_seed(0)
    theirs = nn.Linear(3, 3, bias=False)
    ours = Linear(3, 3, bias=False)
    with torch.no_grad():
        ours.weight.copy_(theirs.weight)  # the classic mistake: same shape, wrong layout
    X = torch.randn(2, 3)
    assert not torch.allclose(ours(X), theirs(X))


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_bad_sizes(bad):
    with pytest.raises(ValueError, match="must be a positive int"):
        Linear(bad, 3)


def test_wrong_input_features():
    with pytest.raises(ValueError, match="inner dimensions differ"):
        Linear(4, 3)(torch.randn(2, 5))
