"""nn.Sequential, named_parameters / named_modules, weight tying, apply(fn) initialisation."""

import math

import pytest
import torch
from torch import nn

from chapters.ch02_modules.containers import (
    TiedEmbedding,
    make_mlp,
    module_table,
    parameter_table,
)
from chapters.ch02_modules.initialise import constant_init, init_weights, visit_order
from chapters.ch02_modules.structure import TinyNet


def test_sequential_names_order_and_indexing():
    net = make_mlp([4, 8, 3], dropout=0.1)
    assert [n for n, _ in net.named_children()] == ["fc0", "act0", "drop0", "fc1"]
    assert net[0] is net.fc0 and isinstance(net[-1], nn.Linear)
    assert net(torch.zeros(2, 4)).shape == (2, 3)
    with pytest.raises(ValueError, match="at least"):
        make_mlp([4])
    with pytest.raises(ValueError, match="positive int"):
        make_mlp([4, 0, 3])


def test_sequential_equals_calling_layers_one_by_one():
    torch.manual_seed(0)
    net = make_mlp([4, 8, 8, 3])
    X = torch.randn(5, 4)
    out = X
    for layer in net:
        out = layer(out)
    torch.testing.assert_close(net(X), out)


def test_parameter_table_counts_match_hand_computation():
    table = parameter_table(make_mlp([4, 8, 3]))
    assert table == [
        ("fc0.weight", (8, 4), 32),
        ("fc0.bias", (8,), 8),
        ("fc1.weight", (3, 8), 24),
        ("fc1.bias", (3,), 3),
    ]
    assert sum(n for *_, n in table) == 4 * 8 + 8 + 8 * 3 + 3


def test_named_modules_includes_root_with_empty_name():
    assert module_table(TinyNet()) == [
        ("", "TinyNet"), ("fc1", "Linear"), ("act", "ReLU"), ("drop", "Dropout"), ("fc2", "Linear"),
    ]


def test_tied_weight_counted_once_but_saved_under_both_names():
    net = TiedEmbedding(vocab_size=5, dim=3)
    assert net.head.weight is net.embed.weight
    assert [n for n, _ in net.named_parameters()] == ["embed.weight"]
    assert list(net.state_dict()) == ["embed.weight", "head.weight"]
    assert net(torch.tensor([[0, 1]])).shape == (1, 2, 5)


def test_apply_visits_children_before_the_root():
    assert visit_order(TinyNet()) == ["Linear", "ReLU", "Dropout", "Linear", "TinyNet"]


def test_init_weights_zero_bias_and_xavier_bound():
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(100, 50), nn.BatchNorm1d(50))
    with torch.no_grad():
        net[1].weight.fill_(3.0)
    net.apply(init_weights)
    bound = math.sqrt(6.0 / (100 + 50))  # xavier uniform: U(-a, a)
    w = net[0].weight
    assert w.abs().max() <= bound and w.abs().max() > 0.95 * bound
    assert torch.equal(net[0].bias, torch.zeros(50))
    assert torch.equal(net[1].weight, torch.ones(50))


def test_constant_init_makes_output_hand_computable():
    net = make_mlp([2, 3, 1]).apply(constant_init(0.5))  # apply returns the module
    X = torch.tensor([[1.0, 2.0]])
    # hidden = relu(0.5 * (1 + 2)) = 1.5 on 3 units; out = 0.5 * 3 * 1.5 = 2.25
    torch.testing.assert_close(net(X), torch.tensor([[2.25]]))
