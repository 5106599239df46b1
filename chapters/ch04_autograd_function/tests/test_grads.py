"""The hand-derived gradients of C = A B and of the row-broadcast bias, against autograd."""

import pytest
import torch

from chapters.ch04_autograd_function import grads


def _abc(n=3, k=4, m=5, seed=0):
    g = torch.Generator().manual_seed(seed)
    A = torch.randn(n, k, generator=g, dtype=torch.float64, requires_grad=True)
    B = torch.randn(k, m, generator=g, dtype=torch.float64, requires_grad=True)
    dC = torch.randn(n, m, generator=g, dtype=torch.float64)
    return A, B, dC


@pytest.mark.parametrize("shape", [(1, 1, 1), (3, 4, 5), (7, 2, 3), (2, 6, 1)])
def test_matrix_formulas_match_autograd(shape):
    A, B, dC = _abc(*shape)
    (A @ B).backward(dC)  # autograd's dL/dA, dL/dB for L = sum(C * dC)
    dA, dB = grads.matmul_grads(A.detach(), B.detach(), dC)
    torch.testing.assert_close(dA, A.grad)
    torch.testing.assert_close(dB, B.grad)


def test_entrywise_derivation_matches_matrix_form():
    A, B, dC = _abc(3, 4, 5, seed=1)
    dA, dB = grads.matmul_grads_entrywise(A.detach(), B.detach(), dC)
    dA2, dB2 = grads.matmul_grads(A.detach(), B.detach(), dC)
    torch.testing.assert_close(dA, dA2)
    torch.testing.assert_close(dB, dB2)


def test_entrywise_by_hand_on_2x2():
    A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    B = torch.tensor([[5.0, 6.0], [7.0, 8.0]])
    dC = torch.tensor([[1.0, 0.0], [0.0, 0.0]])  # L = C[0, 0] = 1*5 + 2*7
    dA, dB = grads.matmul_grads_entrywise(A, B, dC)
    # dC[0,0]/dA[0,q] = B[q,0]; dC[0,0]/dB[p,0] = A[0,p]; every other entry is 0
    assert dA.tolist() == [[5.0, 7.0], [0.0, 0.0]]
    assert dB.tolist() == [[1.0, 0.0], [2.0, 0.0]]


def test_bias_grad_is_column_sum():
    g = torch.Generator().manual_seed(2)
    Z = torch.randn(6, 3, generator=g, dtype=torch.float64)
    b = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    dY = torch.randn(6, 3, generator=g, dtype=torch.float64)
    (Z + b).backward(dY)
    torch.testing.assert_close(grads.bias_grad(dY), b.grad)
    assert grads.bias_grad(torch.tensor([[1.0, 2.0], [3.0, 4.0]])).tolist() == [4.0, 6.0]


def test_linear_formulas_match_autograd():
    g = torch.Generator().manual_seed(3)
    X = torch.randn(5, 4, generator=g, dtype=torch.float64, requires_grad=True)
    W = torch.randn(4, 3, generator=g, dtype=torch.float64, requires_grad=True)
    dY = torch.randn(5, 3, generator=g, dtype=torch.float64)
    (X @ W).backward(dY)
    torch.testing.assert_close(grads.grad_wrt_input(dY, W.detach()), X.grad)
    torch.testing.assert_close(grads.grad_wrt_weight(X.detach(), dY), W.grad)
