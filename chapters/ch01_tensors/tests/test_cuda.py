"""The same rules on a GPU (skipped without CUDA): devices, promotion, views and the loop versions."""

import pytest
import torch

from chapters.ch01_tensors import broadcasting, dtypes, indexing, matmul, reductions, views

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")


def test_to_moves_between_devices_and_is_a_no_op_when_nothing_changes():
    x = torch.arange(6.0).reshape(2, 3)
    g = x.to("cuda")
    assert g.device.type == "cuda" and torch.equal(g.cpu(), x)
    assert g.to("cuda") is g and g.to(g.device, torch.float32) is g
    assert not views.shares_storage(g, x)  # a transfer is a copy


def test_operands_must_share_a_device_except_zero_dim_cpu_tensors():
    g = torch.ones(3, device="cuda")
    with pytest.raises(RuntimeError, match="same device"):
        g + torch.ones(3)
    # a zero-dim CPU tensor is treated like a Python number, so it may meet a CUDA tensor
    assert (g + torch.tensor(1.0)).device.type == "cuda"


def test_promotion_is_the_same_on_the_gpu():
    for a in dtypes.DTYPES:
        for b in (torch.int32, torch.float16, torch.float64, torch.complex64):
            x = torch.ones(2, dtype=a, device="cuda")
            y = torch.ones((), dtype=b, device="cuda")
            assert dtypes.result_type(x, y) == torch.result_type(x, y)
            assert dtypes.result_type(x, 1.5) == torch.result_type(x, 1.5)


def test_views_and_broadcasting_on_the_gpu():
    X = torch.arange(12, device="cuda").reshape(3, 4)
    assert views.shares_storage(X.t(), X) and not views.shares_storage(X.t().reshape(12), X)
    col = X[:, :1]
    assert torch.equal(broadcasting.expand_by_hand(col, (2, 3, 4)), col.expand(2, 3, 4))
    rows, cols = torch.tensor([[0], [2]], device="cuda"), torch.tensor([1, 3], device="cuda")
    assert torch.equal(indexing.pick_pairs(X, rows, cols), X[rows, cols])


def test_loop_versions_and_softmax_on_the_gpu():
    g = torch.Generator(device="cuda").manual_seed(0)
    A = torch.randn(3, 4, generator=g, device="cuda", dtype=torch.float64)
    B = torch.randn(4, 2, generator=g, device="cuda", dtype=torch.float64)
    assert torch.allclose(matmul.matmul_loops(A, B), A @ B)
    assert torch.allclose(matmul.einsum_loops("ij,jk->ik", A, B), torch.einsum("ij,jk->ik", A, B))
    assert matmul.einsum_loops("ij,jk->ik", A, B).device.type == "cuda"
    logits = torch.randn(5, 7, generator=g, device="cuda") * 50
    assert torch.allclose(reductions.softmax(logits, 1), torch.softmax(logits, 1), atol=1e-6)
