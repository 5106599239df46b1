"""Data for the worked example: MNIST when its files are on disk, else the offline digits set."""

from __future__ import annotations

from pathlib import Path

import torch

MNIST_ROOT = Path("data") / "mnist"


def load_digits_tensors(seed: int = 0):
    """scikit-learn's 8x8 digits (1797 images, 64 inputs), scaled to [0, 1], split 80/20."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    X = torch.tensor(digits.data, dtype=torch.float32) / 16.0  # (1797, 64)
    y = torch.tensor(digits.target, dtype=torch.long)  # (1797,)
    order = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    X, y = X[order], y[order]
    cut = int(0.8 * len(X))
    return X[:cut], y[:cut], X[cut:], y[cut:]


def load_mnist_tensors(root: Path = MNIST_ROOT, download: bool = False):
    """MNIST through torchvision, flattened to 784 inputs; downloads only when asked."""
    from torchvision.datasets import MNIST

    def tensors(train: bool):
        ds = MNIST(str(root), train=train, download=download)
        X = ds.data.reshape(len(ds.data), -1).float() / 255.0  # (N, 28, 28) -> (N, 784)
        return X, ds.targets

    return (*tensors(True), *tensors(False))


def load_data(download: bool = False):
    """(X_train, y_train, X_test, y_test, name): MNIST if present (or asked for), else digits."""
    try:
        return (*load_mnist_tensors(download=download), "MNIST")
    except (RuntimeError, ImportError, OSError):  # files missing: torchvision raises RuntimeError
        return (*load_digits_tensors(), "digits (8x8, offline)")
