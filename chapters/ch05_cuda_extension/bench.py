"""make bench: the CPU kernels of mylinearops against torch.matmul, n x n float32, 128..1024."""

from __future__ import annotations

import torch
from rich.console import Console
from rich.table import Table

from common.plotting import RESULTS, save_figure
from common.timing import measure

SIZES = (128, 256, 512, 1024)
KERNELS = ("naive", "ikj", "blocked")
NAIVE_MAX = 512  # the naive loop needs seconds at 1024: skipped there


def run(sizes=SIZES, repeats: int = 5) -> list[dict]:
    """One row per (size, kernel): median seconds, GFLOP/s and the share of torch.matmul."""
    import mylinearops

    gen = torch.Generator().manual_seed(0)
    rows = []
    for n in sizes:
        A, B = torch.randn(n, n, generator=gen), torch.randn(n, n, generator=gen)
        flops = 2.0 * n**3
        t_ref = measure(lambda: torch.matmul(A, B), repeats=repeats, warmup=2)  # noqa: B023
        rows.append({"n": n, "kernel": "torch.matmul", "s": t_ref, "gflops": flops / t_ref / 1e9,
                     "pct": 100.0})
        for name in KERNELS:
            if name == "naive" and n > NAIVE_MAX:
                continue
            torch.testing.assert_close(mylinearops.matmul(A, B, algo=name), A @ B, rtol=1e-3, atol=1e-3)
            reps = 1 if name == "naive" and n >= 512 else repeats
            t = measure(lambda: mylinearops.matmul(A, B, algo=name), repeats=reps, warmup=1)  # noqa: B023
            rows.append({"n": n, "kernel": name, "s": t, "gflops": flops / t / 1e9,
                         "pct": 100.0 * t_ref / t})
    return rows


def plot(rows: list[dict]):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.5, 4))
    for name in ("torch.matmul", *KERNELS):
        pts = [(r["n"], r["gflops"]) for r in rows if r["kernel"] == name]
        ax.plot(*zip(*pts, strict=True), marker="o", label=name)
    ax.set(xscale="log", yscale="log", xlabel="n (n x n float32)", ylabel="GFLOP/s",
           title=f"mylinearops CPU kernels, {torch.get_num_threads()} threads")
    ax.set_xticks(SIZES, [str(s) for s in SIZES])
    ax.legend()
    return save_figure(fig, RESULTS / "ch05_cpu_matmul.png")


def main() -> None:
    rows = run()
    table = Table(title=f"C = A @ B on the CPU ({torch.get_num_threads()} threads), median of runs")
    for column in ("n", "kernel", "ms", "GFLOP/s", "% of torch.matmul"):
        table.add_column(column, justify="right")
    for r in rows:
        table.add_row(str(r["n"]), r["kernel"], f"{r['s'] * 1e3:.2f}", f"{r['gflops']:.1f}",
                      f"{r['pct']:.1f}%")
    Console().print(table)
    print(f"plot: {plot(rows)}")


if __name__ == "__main__":
    main()
