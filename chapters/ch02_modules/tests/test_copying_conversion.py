"""copy.copy vs copy.deepcopy, clones(), and .to() / .double() on a whole module."""

import copy

import pytest
import torch
from torch import nn

from chapters.ch02_modules.buffers import Standardize
from chapters.ch02_modules.conversion import dtypes_and_devices, move
from chapters.ch02_modules.copying import clones, shares_parameters
from chapters.ch02_modules.structure import TinyNet


def test_shallow_copy_shares_submodules_and_parameters():
    net = TinyNet()
    twin = copy.copy(net)
    assert twin is not net
    assert id(twin.fc1) == id(net.fc1)
    assert shares_parameters(net, twin) == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    with torch.no_grad():
        twin.fc1.weight.zero_()
    assert torch.equal(net.fc1.weight, torch.zeros(8, 4))


def test_shallow_copy_even_shares_the_registry_dict():
    net = TinyNet()
    twin = copy.copy(net)
    twin.extra = nn.Linear(1, 1)  # registered in the one dict both objects hold
    assert "extra" in dict(net.named_children())


def test_deepcopy_is_independent():
    net = TinyNet()
    twin = copy.deepcopy(net)
    assert id(twin.fc1) != id(net.fc1)
    assert shares_parameters(net, twin) == []
    torch.testing.assert_close(twin.fc1.weight, net.fc1.weight)  # same values
    with torch.no_grad():
        twin.fc1.weight.zero_()
    assert not torch.equal(net.fc1.weight, torch.zeros(8, 4))


def test_clones_returns_independent_modulelist():
    layer = nn.Linear(3, 3)
    stack = clones(layer, 4)
    assert isinstance(stack, nn.ModuleList) and len(stack) == 4
    assert len({id(m) for m in stack} | {id(layer)}) == 5
    assert len(list(stack.state_dict())) == 8  # 4 x (weight, bias)
    for m in stack:
        torch.testing.assert_close(m.weight, layer.weight)
    with torch.no_grad():
        stack[0].weight.zero_()
    assert not torch.equal(stack[1].weight, stack[0].weight)


@pytest.mark.parametrize("N", [0, -1, 2.0, True])
def test_clones_rejects_bad_n(N):
    with pytest.raises(ValueError, match="positive int"):
        clones(nn.Linear(1, 1), N)


def test_clones_rejects_non_module():
    with pytest.raises(TypeError, match="nn.Module"):
        clones(torch.zeros(2), 2)


def test_module_to_is_in_place_tensor_to_is_not():
    net = TinyNet()
    weight = net.fc1.weight
    assert net.to(torch.float64) is net
    assert net.fc1.weight is weight  # same Parameter object: an optimiser keeps working
    assert weight.dtype == torch.float64
    t = torch.zeros(2)
    assert t.to(torch.float64) is not t and t.dtype == torch.float32


def test_double_converts_parameters_and_float_buffers_only():
    net = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2)).double()
    table = dtypes_and_devices(net)
    assert table["0.weight"] == (torch.float64, "cpu")
    assert table["1.running_mean"] == (torch.float64, "cpu")
    assert table["1.num_batches_tracked"] == (torch.int64, "cpu")
    assert net(torch.ones(3, 2, dtype=torch.float64)).dtype == torch.float64
    with pytest.raises(RuntimeError, match="dtype|Double|Float"):
        net(torch.ones(3, 2))  # float32 input into a float64 module


def test_to_device_moves_parameters_and_buffers_but_not_plain_tensors():
    net = Standardize(3)
    net.plain = torch.zeros(3)  # not registered: left behind
    move(net, "meta")  # the "meta" device has shapes and dtypes but no data: no GPU needed
    table = dtypes_and_devices(net)
    assert {dev for _, dev in table.values()} == {"meta"}
    assert net.feature_ids.device.type == "meta"
    assert net.plain.device.type == "cpu"


def test_move_errors():
    with pytest.raises(TypeError, match="floating"):
        move(TinyNet(), dtype=torch.int32)
    if not torch.cuda.is_available():
        with pytest.raises(RuntimeError, match="no CUDA GPU"):
            move(TinyNet(), "cuda")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_to_cuda_and_back():
    net = move(TinyNet().eval(), "cuda")
    X = torch.randn(2, 4)
    assert {dev for _, dev in dtypes_and_devices(net).values()} == {"cuda"}
    out = net(X.cuda())
    torch.testing.assert_close(out.cpu(), move(net, "cpu")(X))
