"""Reference answers to the chapter's exercises (try them yourself first)."""

from __future__ import annotations

import torch


def pairwise_sq_dists(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    """Squared distances between the rows of A (n, d) and B (m, d), by broadcasting: (n, m)."""
    if A.dim() != 2 or B.dim() != 2 or A.shape[1] != B.shape[1]:
        raise ValueError(f"need A (n, d) and B (m, d), got {tuple(A.shape)} and {tuple(B.shape)}")
    diff = A[:, None, :] - B[None, :, :]  # (n, 1, d) - (1, m, d) -> (n, m, d)
    return (diff**2).sum(dim=-1)  # (n, m)


def pairwise_sq_dists_matmul(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    """The same with one matmul: |a|^2 - 2 a.b + |b|^2, never building the (n, m, d) tensor."""
    if A.dim() != 2 or B.dim() != 2 or A.shape[1] != B.shape[1]:
        raise ValueError(f"need A (n, d) and B (m, d), got {tuple(A.shape)} and {tuple(B.shape)}")
    a2 = (A**2).sum(dim=1, keepdim=True)  # (n, 1)
    b2 = (B**2).sum(dim=1)  # (m,)
    return (a2 - 2 * A @ B.T + b2).clamp_min(0)  # (n, m); clamp rounding below zero


def one_hot(y: torch.Tensor, num_classes: int) -> torch.Tensor:
    """(n,) class ids -> (n, num_classes) float rows with a single 1, via a broadcast ==."""
    if y.dtype not in (torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8):
        raise TypeError(f"class ids must be integers, got {y.dtype}")
    if y.numel() and not (0 <= int(y.min()) and int(y.max()) < num_classes):
        raise ValueError(f"class ids must lie in [0, {num_classes}), got {y.tolist()}")
    return (y[:, None] == torch.arange(num_classes)).float()  # (n, 1) == (C,) -> (n, C)


def patchify(images: torch.Tensor, p: int) -> torch.Tensor:
    """(B, C, H, W) -> (B, H/p * W/p, C * p * p) non-overlapping patches, row by row."""
    if images.dim() != 4:
        raise ValueError(f"need a (B, C, H, W) batch, got shape {tuple(images.shape)}")
    B, C, H, W = images.shape
    if H % p or W % p:
        raise ValueError(f"H={H} and W={W} must be multiples of the patch size p={p}")
    x = images.view(B, C, H // p, p, W // p, p)  # (B, C, h, p, w, p): a free view
    x = x.permute(0, 2, 4, 1, 3, 5)  # (B, h, w, C, p, p): still a view, now non-contiguous
    return x.reshape(B, (H // p) * (W // p), C * p * p)  # (B, h*w, C*p*p): this step copies


def batched_trace(M: torch.Tensor) -> torch.Tensor:
    """(B, n, n) -> (B,) traces; the repeated letter i walks the diagonal."""
    if M.dim() != 3 or M.shape[1] != M.shape[2]:
        raise ValueError(f"need a (B, n, n) stack of square matrices, got {tuple(M.shape)}")
    return torch.einsum("bii->b", M)  # (B,)
