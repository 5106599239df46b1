"""Benchmark: views cost nothing, copies cost memory traffic, Python loops cost everything.

`python -m chapters.ch01_tensors.bench` prints two tables and saves a plot under
bench-results/ch01_tensors/. Numbers are medians of repeated runs (common.timing.measure).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import torch
from rich.console import Console
from rich.table import Table

from chapters.ch01_tensors.matmul import einsum_loops, matmul_loops
from common.plotting import RESULTS, plt, save_figure
from common.timing import measure


@dataclass(frozen=True)
class Config:
    """Sizes to try; the defaults finish in seconds on a laptop CPU."""

    sizes: tuple[int, ...] = (2**12, 2**15, 2**18, 2**21)  # elements in the (n / 64, 64) matrix
    matmul_sizes: tuple[int, ...] = (4, 8, 12)  # n for (n, n) @ (n, n) with Python loops
    repeats: int = 5
    out_dir: Path = RESULTS / "ch01_tensors"


def views_vs_copies(config: Config) -> list[dict[str, float]]:
    """Seconds for view-making operations and for copies, at each size."""
    rows = []
    for n in config.sizes:
        X = torch.randn(n // 64, 64)  # (n / 64, 64)
        T = X.t()  # (64, n / 64), a view
        rows.append(
            {
                "elements": n,
                "view(-1)": measure(lambda X=X: X.view(-1), repeats=config.repeats),
                "t()": measure(lambda X=X: X.t(), repeats=config.repeats),
                "clone()": measure(lambda X=X: X.clone(), repeats=config.repeats),
                "t().contiguous()": measure(lambda T=T: T.contiguous(), repeats=config.repeats),
            }
        )
    return rows


def loops_vs_matmul(config: Config) -> list[dict[str, float]]:
    """Seconds for the loop versions of a matrix product and for torch's own, at each n."""
    g = torch.Generator().manual_seed(0)
    rows = []
    for n in config.matmul_sizes:
        A, B = torch.randn(n, n, generator=g), torch.randn(n, n, generator=g)
        rows.append(
            {
                "n": n,
                "matmul_loops": measure(lambda A=A, B=B: matmul_loops(A, B), repeats=1),
                "einsum_loops": measure(
                    lambda A=A, B=B: einsum_loops("ij,jk->ik", A, B), repeats=1
                ),
                "A @ B": measure(lambda A=A, B=B: A @ B, repeats=config.repeats),
            }
        )
    return rows


def _table(title: str, rows: list[dict[str, float]], key: str, reference: str) -> Table:
    table = Table(title=f"{title} (median µs)")
    table.add_column(key, justify="right")
    names = [name for name in rows[0] if name != key]
    for name in names:
        table.add_column(name, justify="right")
    table.add_column(f"slowest / {reference}", justify="right")
    for row in rows:
        slowest = max(row[name] for name in names)
        cells = [f"{row[name] * 1e6:,.1f}" for name in names]
        table.add_row(f"{row[key]:,}", *cells, f"{slowest / row[reference]:,.0f}x")
    return table


def plot(rows: list[dict[str, float]], path: Path) -> Path:
    """Time against size, log-log: views stay flat, copies grow with the data."""
    fig, ax = plt.subplots(figsize=(6, 4))
    sizes = [row["elements"] for row in rows]
    for name in (name for name in rows[0] if name != "elements"):
        ax.loglog(sizes, [row[name] * 1e6 for row in rows], marker="o", label=name)
    ax.set_xlabel("elements")
    ax.set_ylabel("median time (µs)")
    ax.set_title("views are O(1), copies are O(n)")
    ax.legend()
    return save_figure(fig, path)


def main(config: Config | None = None, console: Console | None = None) -> Path:
    """Run both benchmarks, print their tables, save the plot; return the plot's path."""
    config = config or Config()
    console = console or Console()
    console.print(f"torch {torch.__version__}, {torch.get_num_threads()} CPU threads")
    copies = views_vs_copies(config)
    console.print(_table("Views versus copies", copies, "elements", "view(-1)"))
    console.print(_table("Python loops versus torch", loops_vs_matmul(config), "n", "A @ B"))
    path = plot(copies, config.out_dir / "views_vs_copies.png")
    console.print(f"plot: {path}")
    return path


if __name__ == "__main__":
    main()
    sys.exit(0)
