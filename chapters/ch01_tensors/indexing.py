"""Advanced indexing spelled out with loops: index tensors pair up, masks pick in row-major order."""

from __future__ import annotations

import itertools

import torch


def pick_pairs(x: torch.Tensor, rows: torch.Tensor, cols: torch.Tensor) -> torch.Tensor:
    """What x[rows, cols] does on a 2-D x: broadcast rows with cols, then take x[r, c] per pair."""
    if x.dim() != 2:
        raise ValueError(f"pick_pairs expects a 2-D tensor, got {x.dim()}-D")
    for name, index in (("rows", rows), ("cols", cols)):
        if index.dtype not in (torch.int64, torch.int32):
            raise TypeError(f"{name} must be an integer tensor, got {index.dtype}")
    rows, cols = torch.broadcast_tensors(rows, cols)  # both (*S): the result's shape
    out = torch.empty(rows.shape, dtype=x.dtype, device=x.device)  # (*S)
    for position in itertools.product(*(range(n) for n in rows.shape)):
        out[position] = x[rows[position], cols[position]]
    return out


def select_by_mask(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """What x[mask] does when mask has x's shape: a 1-D copy of the chosen elements, in order."""
    if mask.dtype != torch.bool:
        raise TypeError(f"mask must be a bool tensor, got {mask.dtype}")
    if mask.shape != x.shape:
        raise ValueError(f"mask shape {tuple(mask.shape)} differs from x shape {tuple(x.shape)}")
    chosen = [x[p] for p in itertools.product(*(range(n) for n in x.shape)) if mask[p]]
    return torch.stack(chosen) if chosen else x.new_empty(0)  # (number of True,)
