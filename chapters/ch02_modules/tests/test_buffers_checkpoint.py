"""Buffers (persistent and not), BatchNorm's buffers, save/load and strict=True/False."""

import pickle

import pytest
import torch
from torch import nn

from chapters.ch02_modules.buffers import Standardize, buffer_report
from chapters.ch02_modules.checkpoint import load_weights, save_weights, snapshot
from chapters.ch02_modules.structure import TinyNet


def test_persistent_buffer_saved_non_persistent_not():
    report = buffer_report(Standardize(3))
    assert report == {
        "parameters": [],
        "buffers": ["mean", "std", "feature_ids"],
        "state_dict": ["mean", "std"],
    }


def test_buffers_follow_to_and_fit_sets_values():
    X = torch.tensor([[1.0, 10.0], [3.0, 30.0]])
    net = Standardize(2).fit(X)
    torch.testing.assert_close(net.mean, torch.tensor([2.0, 20.0]))
    torch.testing.assert_close(net.std, torch.tensor([2.0**0.5, 200.0**0.5]))
    net.double()
    assert net.mean.dtype == torch.float64
    assert net.feature_ids.dtype == torch.int64  # .double() converts floating tensors only
    assert not net.mean.requires_grad
    with pytest.raises(ValueError, match="fit expects shape"):
        net.fit(torch.zeros(3, 5))


def test_batchnorm_running_statistics_are_buffers_not_parameters():
    bn = nn.BatchNorm1d(4)
    assert [n for n, _ in bn.named_parameters()] == ["weight", "bias"]
    assert [n for n, _ in bn.named_buffers()] == [
        "running_mean", "running_var", "num_batches_tracked"
    ]
    assert list(bn.state_dict()) == ["weight", "bias", "running_mean", "running_var",
                                     "num_batches_tracked"]


def test_save_and_load_round_trip(tmp_path):
    torch.manual_seed(0)
    a, b = TinyNet().eval(), TinyNet().eval()
    X = torch.randn(4, 4)
    assert not torch.allclose(a(X), b(X))
    path = save_weights(a, tmp_path / "w" / "tiny.pt")
    result = load_weights(b, path)
    assert result.missing_keys == [] and result.unexpected_keys == []
    torch.testing.assert_close(a(X), b(X), rtol=0, atol=0)


def test_weights_only_refuses_a_pickled_module(tmp_path):
    path = tmp_path / "whole.pt"
    torch.save(TinyNet(), path)  # pickles the class, not just tensors
    with pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
        torch.load(path, weights_only=True)
    with pytest.raises(TypeError, match="not a state_dict"):
        torch.save(torch.zeros(2), tmp_path / "t.pt")
        load_weights(TinyNet(), tmp_path / "t.pt")
    with pytest.raises(FileNotFoundError, match="no checkpoint"):
        load_weights(TinyNet(), tmp_path / "absent.pt")


class Wider(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.extra = nn.Linear(8, 8)


def test_strict_true_raises_strict_false_reports_keys(tmp_path):
    path = save_weights(TinyNet(), tmp_path / "tiny.pt")
    with pytest.raises(RuntimeError, match='Missing key.*"extra.weight"'):
        load_weights(Wider(), path)
    result = load_weights(Wider(), path, strict=False)
    assert result.missing_keys == ["extra.weight", "extra.bias"]
    assert result.unexpected_keys == ["fc2.weight", "fc2.bias"]


def test_strict_false_still_raises_on_shape_mismatch():
    small, big = nn.Linear(2, 3), nn.Linear(2, 4)
    with pytest.raises(RuntimeError, match="size mismatch for weight"):
        big.load_state_dict(small.state_dict(), strict=False)


def test_state_dict_shares_storage_snapshot_does_not():
    net = nn.Linear(2, 2)
    live, frozen = net.state_dict(), snapshot(net)
    with torch.no_grad():
        net.weight.add_(1.0)
    torch.testing.assert_close(live["weight"], net.weight.detach())  # it moved with training
    torch.testing.assert_close(frozen["weight"] + 1.0, net.weight.detach())
