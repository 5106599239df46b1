"""The gradients of C = A B and of a bias added to every row, written out by hand."""

from __future__ import annotations

import torch


def matmul_grads(A: torch.Tensor, B: torch.Tensor, dC: torch.Tensor):
    """For C = A B: dL/dA = dL/dC Bᵀ and dL/dB = Aᵀ dL/dC (matrix form)."""
    dA = dC @ B.T  # (n, m) @ (m, k) -> (n, k)
    dB = A.T @ dC  # (k, n) @ (n, m) -> (k, m)
    return dA, dB


def matmul_grads_entrywise(A: torch.Tensor, B: torch.Tensor, dC: torch.Tensor):
    """The same gradients, one entry at a time, straight from the chain rule (slow; tiny sizes).

    C[i, j] = sum_k A[i, k] B[k, j], so dC[i, j]/dA[p, q] = [i == p] B[q, j] and
    dL/dA[p, q] = sum_j dL/dC[p, j] B[q, j]; likewise dL/dB[p, q] = sum_i A[i, p] dL/dC[i, q].
    """
    n, k = A.shape
    m = B.shape[1]
    dA = torch.zeros_like(A)
    dB = torch.zeros_like(B)
    for p in range(n):
        for q in range(k):
            dA[p, q] = sum(dC[p, j] * B[q, j] for j in range(m))
    for p in range(k):
        for q in range(m):
            dB[p, q] = sum(A[i, p] * dC[i, q] for i in range(n))
    return dA, dB


def bias_grad(dY: torch.Tensor) -> torch.Tensor:
    """For Y = Z + b (b added to each row): dL/db[j] = sum_i dL/dY[i, j], the column sum."""
    return dY.sum(dim=0)  # (n, out) -> (out,)


def grad_wrt_input(dY: torch.Tensor, W: torch.Tensor) -> torch.Tensor:
    """dL/dX = dL/dY Wᵀ for Y = X W + b."""
    return dY @ W.T  # (n, out) @ (out, in) -> (n, in)


def grad_wrt_weight(X: torch.Tensor, dY: torch.Tensor) -> torch.Tensor:
    """dL/dW = Xᵀ dL/dY for Y = X W + b."""
    return X.T @ dY  # (in, n) @ (n, out) -> (in, out)
