"""train()/eval(): the `training` flag, Dropout and BatchNorm behaving differently."""

import pytest
import torch
from torch import nn

from chapters.ch02_modules.modes import NoisyIdentity, batchnorm_by_hand, modes
from chapters.ch02_modules.structure import TinyNet


def test_eval_and_train_set_the_flag_on_every_submodule():
    net = TinyNet()
    assert all(modes(net).values())  # a new module starts in training mode
    assert net.eval() is net  # returns the module itself
    assert not any(modes(net).values())
    net.train()
    assert all(modes(net).values())
    net.train(False)
    assert not any(modes(net).values())


def test_dropout_zeroes_and_rescales_in_train_identity_in_eval():
    torch.manual_seed(0)
    drop = nn.Dropout(p=0.5)
    X = torch.ones(1000)
    out = drop(X)
    assert set(out.unique().tolist()) == {0.0, 2.0}  # survivors scaled by 1 / (1 - p)
    assert 400 < int((out == 0).sum()) < 600
    drop.eval()
    assert torch.equal(drop(X), X)


def test_batchnorm_train_uses_batch_stats_and_updates_buffers():
    torch.manual_seed(0)
    bn = nn.BatchNorm1d(3)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor([1.0, 2.0, 0.5]))
        bn.bias.copy_(torch.tensor([0.0, 1.0, -1.0]))
    X = torch.randn(6, 3) * 4 + 2
    expected = batchnorm_by_hand(X, bn)  # from the buffers before the update
    out = bn(X)
    torch.testing.assert_close(out, expected["train_out"])
    torch.testing.assert_close(bn.running_mean, expected["running_mean"])
    torch.testing.assert_close(bn.running_var, expected["running_var"])
    assert int(bn.num_batches_tracked) == 1
    bn.eval()
    after = batchnorm_by_hand(X, bn)
    before = bn.running_mean.clone()
    torch.testing.assert_close(bn(X), after["eval_out"])
    assert torch.equal(bn.running_mean, before)  # eval does not update the buffers
    assert not torch.allclose(bn(X), out)


def test_batchnorm_eval_output_does_not_depend_on_the_rest_of_the_batch():
    torch.manual_seed(0)
    bn = nn.BatchNorm1d(2)
    bn(torch.randn(8, 2))
    X = torch.randn(4, 2)
    bn.eval()
    torch.testing.assert_close(bn(X)[:1], bn(X[:1]))
    bn.train()
    assert not torch.allclose(bn(X)[:1], bn(X[:2])[:1])


def test_batchnorm_refuses_a_single_sample_in_training_mode():
    bn = nn.BatchNorm1d(2)
    with pytest.raises(ValueError, match="Expected more than 1 value per channel"):
        bn(torch.ones(1, 2))
    bn.eval()
    assert bn(torch.ones(1, 2)).shape == (1, 2)


def test_eval_does_not_turn_off_autograd():
    net = TinyNet().eval()
    assert net(torch.ones(1, 4)).requires_grad
    with torch.no_grad():
        assert not net(torch.ones(1, 4)).requires_grad


def test_own_layer_reads_self_training():
    torch.manual_seed(0)
    layer = NoisyIdentity(std=1.0)
    X = torch.zeros(5)
    assert not torch.equal(layer(X), X)
    assert torch.equal(layer.eval()(X), X)
    with pytest.raises(ValueError, match="std"):
        NoisyIdentity(std=-1)


def test_tinynet_is_random_in_train_deterministic_in_eval():
    torch.manual_seed(0)
    net = TinyNet()
    X = torch.randn(16, 4)
    assert not torch.equal(net(X), net(X))
    net.eval()
    assert torch.equal(net(X), net(X))
