"""The exercises' reference answers, checked against PyTorch's own functions and loops."""

import pytest
import torch
import torch.nn.functional as F

from chapters.ch01_tensors import solutions
from chapters.ch01_tensors.views import shares_storage


def test_pairwise_sq_dists_both_ways_match_cdist():
    g = torch.Generator().manual_seed(0)
    A = torch.randn(6, 3, generator=g, dtype=torch.float64)
    B = torch.randn(4, 3, generator=g, dtype=torch.float64)
    expected = torch.cdist(A, B) ** 2
    assert torch.allclose(solutions.pairwise_sq_dists(A, B), expected)
    assert torch.allclose(solutions.pairwise_sq_dists_matmul(A, B), expected)
    assert solutions.pairwise_sq_dists(A, A).diagonal().abs().max() == 0
    with pytest.raises(ValueError, match=r"\(n, d\)"):
        solutions.pairwise_sq_dists(A, B.T)


def test_one_hot_matches_torch():
    y = torch.tensor([0, 2, 1, 2])
    assert torch.equal(solutions.one_hot(y, 3), F.one_hot(y, 3).float())
    with pytest.raises(ValueError, match=r"\[0, 2\)"):
        solutions.one_hot(y, 2)
    with pytest.raises(TypeError, match="integers"):
        solutions.one_hot(y.float(), 3)


def test_patchify_matches_a_loop_and_its_reshape_copies():
    B, C, H, W, p = 2, 3, 4, 6, 2
    images = torch.arange(B * C * H * W).reshape(B, C, H, W)  # (B, C, H, W)
    patches = solutions.patchify(images, p)
    assert patches.shape == (B, (H // p) * (W // p), C * p * p)
    for b in range(B):
        k = 0
        for i in range(0, H, p):
            for j in range(0, W, p):
                assert torch.equal(patches[b, k], images[b, :, i : i + p, j : j + p].reshape(-1))
                k += 1
    assert not shares_storage(patches, images)  # the permute made the final reshape copy
    with pytest.raises(ValueError, match="multiples"):
        solutions.patchify(images, 4)


def test_batched_trace_matches_a_loop():
    g = torch.Generator().manual_seed(3)
    M = torch.randn(5, 4, 4, generator=g)
    expected = torch.stack([torch.trace(m) for m in M])
    assert torch.allclose(solutions.batched_trace(M), expected)
    with pytest.raises(ValueError, match="square"):
        solutions.batched_trace(torch.ones(2, 3, 4))
