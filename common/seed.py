"""Seeding: the same numbers on every run."""

import random

import numpy as np


def seed_everything(seed: int = 0):
    """Seed Python, NumPy and torch; return a torch.Generator seeded the same way."""
    import torch  # here, not at the top: `common` must not load torch for the SQL chapters

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return torch.Generator().manual_seed(seed)
