"""Benchmark: views cost nothing, copies cost memory traffic, Python loops cost everything.

`python -m chapters.ch01_tensors.bench` prints two tables and saves a plot under
bench-results/ch01_tensors/. Numbers are medians of repeated runs after warm-up calls, tiny
ones timed in blocks of calls (common.timing.measure). A copy timed faster than a view, or a
Python loop faster than torch's `@`, cannot be real: the table marks such a cell with "!".
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import torch
from rich.console import Console
from rich.table import Table

from chapters.ch01_tensors.matmul import einsum_loops, matmul_loops
from common.plotting import RESULTS, log_axis_ticks, plt, save_figure
from common.timing import busy_machine_note, measure


@dataclass(frozen=True)
class Config:
    """Sizes to try; the defaults finish in seconds on a laptop CPU."""

    sizes: tuple[int, ...] = (2**12, 2**15, 2**18, 2**21)  # elements in the (n / 64, 64) matrix
    matmul_sizes: tuple[int, ...] = (4, 8, 12)  # n for (n, n) @ (n, n) with Python loops
    repeats: int = 5
    min_run_time: float = 0.2  # seconds of blocks of calls for each call under a millisecond
    out_dir: Path = RESULTS / "ch01_tensors"


# What each table compares with, and the operations that must be slower than it.
VIEW_REFERENCE, COPIES = "view(-1)", ("clone()", "t().contiguous()")
MATMUL_REFERENCE, LOOPS = "A @ B", ("matmul_loops", "einsum_loops")


def views_vs_copies(config: Config) -> list[dict[str, float]]:
    """Seconds for view-making operations and for copies, at each size."""

    def timed(fn) -> float:
        return measure(fn, repeats=config.repeats, min_run_time=config.min_run_time)

    rows = []
    for n in config.sizes:
        X = torch.randn(n // 64, 64)  # (n / 64, 64)
        T = X.t()  # (64, n / 64), a view
        rows.append(
            {
                "elements": n,
                "view(-1)": timed(lambda X=X: X.view(-1)),
                "t()": timed(lambda X=X: X.t()),
                "clone()": timed(lambda X=X: X.clone()),
                "t().contiguous()": timed(lambda T=T: T.contiguous()),
            }
        )
    return rows


def loops_vs_matmul(config: Config) -> list[dict[str, float]]:
    """Seconds for the loop versions of a matrix product and for torch's own, at each n."""

    def timed(fn, repeats: int) -> float:
        return measure(fn, repeats=repeats, min_run_time=config.min_run_time)

    g = torch.Generator().manual_seed(0)
    rows = []
    for n in config.matmul_sizes:
        A, B = torch.randn(n, n, generator=g), torch.randn(n, n, generator=g)
        rows.append(
            {
                "n": n,
                "matmul_loops": timed(lambda A=A, B=B: matmul_loops(A, B), 1),
                "einsum_loops": timed(lambda A=A, B=B: einsum_loops("ij,jk->ik", A, B), 1),
                "A @ B": timed(lambda A=A, B=B: A @ B, config.repeats),
            }
        )
    return rows


def suspicious(row: dict[str, float], reference: str, slower: Iterable[str]) -> list[str]:
    """The names in `slower` that `row` times below `reference`.

    Such an operation ran at over 100% of the reference's speed, which it cannot really do
    (a copy is never cheaper than a view, a Python loop never beats torch's own product):
    a cold first call or a busy machine skewed the measurement.
    """
    return [name for name in slower if row[name] < row[reference]]


def _table(
    title: str, rows: list[dict[str, float]], key: str, reference: str, slower: Iterable[str]
) -> Table:
    slower = tuple(slower)
    table = Table(title=f"{title} (median µs)")
    # "fold": in a narrow terminal a number wraps, and is never cut to "…".
    table.add_column(key, justify="right", overflow="fold")
    names = [name for name in rows[0] if name != key]
    for name in names:
        table.add_column(name, justify="right", overflow="fold")
    table.add_column(f"slowest / {reference}", justify="right", overflow="fold")
    flagged_any = False
    for row in rows:
        flagged = suspicious(row, reference, slower)
        flagged_any = flagged_any or bool(flagged)
        slowest = max(row[name] for name in names)
        cells = [f"{row[name] * 1e6:,.1f}{' !' if name in flagged else ''}" for name in names]
        table.add_row(f"{row[key]:,}", *cells, f"{slowest / row[reference]:,.0f}x")
    if flagged_any:
        table.caption = f"! faster than {reference}, which it cannot be: suspect, run again"
    return table


def plot(rows: list[dict[str, float]], path: Path) -> Path:
    """Time against size, log-log: views stay flat, copies grow with the data."""
    fig, ax = plt.subplots(figsize=(6, 4))
    sizes = [row["elements"] for row in rows]
    for name in (name for name in rows[0] if name != "elements"):
        ax.loglog(sizes, [row[name] * 1e6 for row in rows], marker="o", label=name)
    log_axis_ticks(ax, sizes)
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
    if note := busy_machine_note():
        console.print(f"[yellow]warning:[/] {note}")
    copies = views_vs_copies(config)
    console.print(_table("Views versus copies", copies, "elements", VIEW_REFERENCE, COPIES))
    loops = loops_vs_matmul(config)
    console.print(_table("Python loops versus torch", loops, "n", MATMUL_REFERENCE, LOOPS))
    path = plot(copies, config.out_dir / "views_vs_copies.png")
    console.print(f"plot: {path}")
    return path


if __name__ == "__main__":
    main()
    sys.exit(0)
