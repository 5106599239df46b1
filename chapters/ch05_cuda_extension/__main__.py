"""Walk-through: `python -m chapters.ch05_cuda_extension [N ...] [--no-prose] [--lesson-only]`.

Every `>>>` example of README.md runs live, in order, printed with the output it really gives
(common/lesson.py); one that differs from the README is flagged and makes the exit status 1.
After the lesson: the CPU ladder measured (section 4) and the worked example trained (section 10).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from common.lesson import Config, Lesson, print_title


def require_extension() -> None:
    """Stop with the command that builds mylinearops when it is not importable."""
    try:
        import mylinearops  # noqa: F401
    except ImportError as error:
        raise SystemExit(f"mylinearops is not built: run `make ext` ({error})") from error


def after_the_lesson(console, config: Config) -> None:
    """The CPU ladder measured, then the worked example trained: LinearLayer vs nn.Linear."""
    from rich.table import Table

    print_title(console, "The CPU ladder, measured (float32, n x n, 2 repeats; see `make bench`)")
    from chapters.ch05_cuda_extension.bench import run

    table = Table()
    for column in ("n", "kernel", "GFLOP/s", "% of torch.matmul"):
        table.add_column(column, justify="right")
    for r in run(sizes=(256, 512), repeats=2):
        table.add_row(str(r["n"]), r["kernel"], f"{r['gflops']:.1f}", f"{r['pct']:.0f}%")
    console.print(table)

    from chapters.ch05_cuda_extension.data import load_data
    from chapters.ch05_cuda_extension.mlp import MLPConfig, train_side_by_side

    *data, name = load_data()
    shape = f"{data[0].shape[1]}-{MLPConfig.hidden}-{MLPConfig.hidden}-{len(set(data[1].tolist()))}"
    print_title(console, f"The worked example: a {shape} MLP, LinearLayer vs nn.Linear")
    console.print(f"data: {name}, {len(data[0])} training rows of {data[0].shape[1]} inputs")
    start = time.perf_counter()
    rows = train_side_by_side(data, MLPConfig(), show_progress=True)
    results = Table()
    for column in rows[0]:
        results.add_column(column, justify="right")
    for row in rows:
        results.add_row(*[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row.values()])
    console.print(results)
    from chapters.ch05_cuda_extension.mlp import plot_rows
    from common.plotting import RESULTS

    path = plot_rows(rows, name, RESULTS / "ch05_mlp.png")
    console.print(f"trained both in {time.perf_counter() - start:.1f} s; plot: {path}")
    console.print("The GPU part: `make gpu-check` on a machine with an NVIDIA GPU.")


LESSON = Lesson(
    Path(__file__).parent,
    after=after_the_lesson,
    after_help="the CPU benchmark and the worked example's training",
)

if __name__ == "__main__":
    require_extension()
    sys.exit(LESSON.main())
