"""scikit-learn's digits (offline, 1797 images of 8x8) as 32x32 tensors, split with a seed."""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch.utils.data import TensorDataset


@dataclass
class DigitsSplit:
    """Train and test sets of (X, y): X (N, 1, size, size) float32, standardised; y (N,) int64."""

    train: TensorDataset
    test: TensorDataset
    mean: float
    std: float


def load_digits_tensors(image_size: int = 32) -> tuple[torch.Tensor, torch.Tensor]:
    """All 1797 digits as X (N, 1, image_size, image_size) in [0, 1] and labels y (N,)."""
    if not isinstance(image_size, int) or image_size < 8:
        raise ValueError(f"image_size must be an int >= 8 (the digits are 8x8), got {image_size!r}")
    digits = load_digits()
    X = torch.tensor(digits.images, dtype=torch.float32) / 16.0  # (N, 8, 8), pixels 0..16
    X = X.unsqueeze(1)  # (N, 1, 8, 8)
    X = F.interpolate(X, size=(image_size, image_size), mode="bilinear", align_corners=False)
    y = torch.tensor(digits.target, dtype=torch.int64)  # (N,)
    return X, y  # X: (N, 1, image_size, image_size)


def digits_split(image_size: int = 32, test_fraction: float = 0.2, seed: int = 0) -> DigitsSplit:
    """A stratified, seeded train/test split, standardised with the training set's mean/std."""
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must be strictly between 0 and 1, got {test_fraction!r}")
    X, y = load_digits_tensors(image_size)
    index = torch.arange(len(y)).numpy()
    train_idx, test_idx = train_test_split(
        index, test_size=test_fraction, random_state=seed, stratify=y.numpy()
    )
    train_idx, test_idx = torch.as_tensor(train_idx), torch.as_tensor(test_idx)
    mean, std = X[train_idx].mean().item(), X[train_idx].std().item()
    X = (X - mean) / std
    return DigitsSplit(
        train=TensorDataset(X[train_idx], y[train_idx]),
        test=TensorDataset(X[test_idx], y[test_idx]),
        mean=mean,
        std=std,
    )
