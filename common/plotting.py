"""Saving figures without a screen."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed; must happen before pyplot is imported
import matplotlib.pyplot as plt  # noqa: E402

RESULTS = Path("bench-results")


def save_figure(fig: plt.Figure, path: str | Path) -> Path:
    """Save `fig` as a PNG (creating the folder), close it, and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(fig)
    return path
