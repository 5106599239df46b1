"""Reductions: shapes with and without keepdim, and keepdim doing its job in softmax."""

import itertools

import pytest
import torch

from chapters.ch01_tensors import reductions

SHAPES = [(2, 3, 4), (5,), (3, 1, 2), (2, 0, 3)]


def _dims(ndim):
    yield None
    yield from range(-ndim, ndim)
    for r in range(2, ndim + 1):
        yield from itertools.combinations(range(ndim), r)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("keepdim", [False, True])
def test_reduced_shape_matches_sum(shape, keepdim):
    x = torch.zeros(shape)
    for dim in _dims(len(shape)):
        got = x.sum() if dim is None and not keepdim else x.sum(dim=dim, keepdim=keepdim)
        assert reductions.reduced_shape(shape, dim, keepdim) == tuple(got.shape), dim


def test_reduced_shape_rejects_a_bad_dim():
    with pytest.raises(IndexError, match="out of range"):
        reductions.reduced_shape((2, 3), dim=2)
    with pytest.raises(IndexError):
        torch.zeros(2, 3).sum(dim=2)


def test_sums_along_each_dim():
    X = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert X.sum().item() == 21.0
    assert X.sum(dim=0).tolist() == [5.0, 7.0, 9.0]  # one per column
    assert X.sum(dim=1).tolist() == [6.0, 15.0]  # one per row
    assert X.sum(dim=1, keepdim=True).shape == (2, 1)
    assert X.argmax(dim=1).tolist() == [2, 2]


def test_keepdim_lets_the_result_broadcast_back():
    X = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    rows = X / X.sum(dim=1, keepdim=True)
    assert torch.allclose(rows.sum(dim=1), torch.ones(2))
    with pytest.raises(RuntimeError, match="must match"):
        X / X.sum(dim=1)
    S = torch.tensor([[1.0, 1.0], [2.0, 6.0]])  # square: no error, wrong numbers
    assert not torch.allclose((S / S.sum(dim=1)).sum(dim=1), torch.ones(2))
    assert torch.allclose((S / S.sum(dim=1, keepdim=True)).sum(dim=1), torch.ones(2))


@pytest.mark.parametrize("dim", [0, 1, -1])
def test_softmax_matches_torch(dim):
    g = torch.Generator().manual_seed(0)
    x = torch.randn(4, 5, generator=g) * 10
    assert torch.allclose(reductions.softmax(x, dim), torch.softmax(x, dim), atol=1e-6)


def test_softmax_is_stable_for_huge_logits():
    logits = torch.tensor([[1.0, 2.0, 3.0], [1000.0, 1000.0, 1000.0]])
    assert torch.isinf(logits.exp().sum(dim=1)[1])  # the naive way overflows
    out = reductions.softmax(logits, dim=1)
    assert torch.allclose(out[1], torch.full((3,), 1 / 3))
    assert torch.allclose(out, torch.softmax(logits, dim=1))
    with pytest.raises(TypeError, match="floating"):
        reductions.softmax(torch.tensor([1, 2]))


def test_standardize_gives_zero_mean_unit_std_per_column():
    g = torch.Generator().manual_seed(1)
    X = torch.randn(50, 3, generator=g) * torch.tensor([1.0, 10.0, 100.0]) + 7
    Z = reductions.standardize(X, dim=0, eps=0.0)
    assert torch.allclose(Z.mean(dim=0), torch.zeros(3), atol=1e-5)
    assert torch.allclose(Z.std(dim=0, correction=0), torch.ones(3), atol=1e-5)
    reference = (X - X.mean(0)) / X.std(0, correction=0)
    assert torch.allclose(Z, reference, atol=1e-5)
