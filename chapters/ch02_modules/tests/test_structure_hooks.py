"""Module structure, and hooks firing on net(X) but not on net.forward(X)."""

import pytest
import torch
from torch import nn

from chapters.ch02_modules.hooks import output_shapes, record_calls
from chapters.ch02_modules.structure import ForgotSuperInit, NetConfig, TinyNet


def test_submodules_assigned_as_attributes_are_children_in_order():
    net = TinyNet()
    assert [name for name, _ in net.named_children()] == ["fc1", "act", "drop", "fc2"]
    assert net.fc1.weight.shape == (8, 4)


def test_assigning_before_super_init_raises():
    with pytest.raises(AttributeError, match="before Module.__init__"):
        ForgotSuperInit()


def test_forward_output_shape_and_bad_input():
    net = TinyNet(NetConfig(in_features=4, hidden=5, out_features=2))
    assert net(torch.zeros(7, 4)).shape == (7, 2)
    with pytest.raises(ValueError, match="expects 4 features"):
        net(torch.zeros(7, 3))


@pytest.mark.parametrize("kwargs", [{"hidden": 0}, {"dropout": 1.0}, {"in_features": 2.5}])
def test_config_rejects_bad_values(kwargs):
    with pytest.raises(ValueError, match="NetConfig"):
        NetConfig(**kwargs)


def test_calling_the_module_runs_its_hooks_forward_skips_them():
    torch.manual_seed(0)
    net = TinyNet().eval()
    log: list[str] = []
    handles = record_calls(net, log)
    X = torch.randn(2, 4)
    out_call = net(X)
    assert log[0] == "pre net" and log[-1] == "post net"
    log.clear()
    out_forward = net.forward(X)
    # the root's hooks are skipped; the children are still called, so theirs run
    assert "pre net" not in log and "post net" not in log
    assert log == ["pre fc1", "post fc1", "pre act", "post act",
                   "pre drop", "post drop", "pre fc2", "post fc2"]
    torch.testing.assert_close(out_call, out_forward)  # same maths, different bookkeeping
    for handle in handles:
        handle.remove()
    log.clear()
    net(X)
    assert log == []


def test_a_forward_hook_can_replace_the_output_only_when_called():
    net = nn.Linear(2, 2)
    net.register_forward_hook(lambda m, args, out: torch.zeros_like(out))
    X = torch.ones(1, 2)
    assert torch.equal(net(X), torch.zeros(1, 2))
    assert not torch.equal(net.forward(X), torch.zeros(1, 2))


def test_output_shapes_reports_leaves_and_removes_its_hooks():
    net = TinyNet()
    shapes = output_shapes(net, torch.zeros(5, 4))
    assert shapes == {"fc1": (5, 8), "act": (5, 8), "drop": (5, 8), "fc2": (5, 3)}
    assert all(not m._forward_hooks for m in net.modules())


def test_record_calls_rejects_non_modules():
    with pytest.raises(TypeError, match="nn.Module"):
        record_calls(lambda x: x, [])
