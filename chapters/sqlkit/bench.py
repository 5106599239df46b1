"""Benchmark every SQL exercise that can generate big tables: pandas time vs MySQL query time.

    python -m chapters.sqlkit.bench [--chapter N] [--slug S] [--max-rows 100000] [--repeats 3]
                                    [--budget-s 120]

For each exercise with a `generate` hook and each size 10^3, 10^4, ... up to --max-rows
(default 10^5, so that `make bench` stays short; pass --max-rows 1000000 for the full run):

* the tables are generated (same seed every run) and loaded into a throwaway database with
  chunked `executemany` INSERTs; the load time is reported on its own;
* "pandas" is the median time of `exercise.run_pandas(frames)` (the solution on copies);
* "MySQL" is the median time of `exercise.run_sql(conn)`: the query, and fetching its rows
  into a DataFrame, since the pandas side also builds its answer;
* at the smallest size both answers are compared, as the differential tests do;
* one untimed warm-up run precedes the timed ones below 10^5 rows (above, the work dwarfs it);
* an exercise stops growing when the next size would likely take longer than --budget-s
  (its slowest side so far, times 10, times the runs per measurement): a quadratic solution
  (a self-join DELETE, say) would otherwise hold the whole benchmark for hours.

It prints a table, and writes bench-results/sql_bench.csv and a log-log plot,
bench-results/sql_bench.png. Without a server it prints one line and exits with status 0.

Every exercise takes part: its module has a `generate` function

    def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:

that returns one DataFrame per input table (the same names, columns and dtypes as
`Exercise.tables`), the main table with about `n` rows. Build the columns with numpy
(`rng.integers`, `rng.choice`, `np.where`, string concatenation of whole Series), never with
a loop over rows: at 10^6 rows a Python loop dominates the run. Respect the DDL (unique
primary keys, NULL only where the column allows it) and make the data meaningful (some rows
must pass the filter); chapters/sqlkit/columns.py has the column builders, and
chapters/ch06_filtering/exercises/big_countries.py is an example. An exercise that modifies a table
(`in_place`) is timed once per size on freshly loaded tables, since a second run would find
the work done.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from rich.console import Console
from rich.table import Table
from tqdm import tqdm

from chapters.sqlkit.exercise import Exercise
from chapters.sqlkit.registry import all_exercises
from common import db
from common.frames import frame_differences
from common.plotting import RESULTS, save_figure
from common.timing import measure

SEED = 0
CHUNK_ROWS = 20_000


@dataclass
class Row:
    """One measurement: an exercise at one size."""

    slug: str
    number: int
    rows: int
    pandas_s: float
    mysql_s: float
    load_s: float
    agree: str  # "yes", "no" or "-" (only checked at the smallest size)


def sizes_up_to(max_rows: int) -> list[int]:
    """10^3, 10^4, ... not above max_rows."""
    if max_rows < 1000:
        raise ValueError(f"--max-rows must be at least 1000, got {max_rows}")
    sizes, n = [], 1000
    while n <= max_rows:
        sizes.append(n)
        n *= 10
    return sizes


def check_generated(exercise: Exercise, frames: dict[str, pd.DataFrame]) -> None:
    """The generated tables must be the exercise's tables, with its columns."""
    if set(frames) != set(exercise.tables):
        raise ValueError(
            f"{exercise.slug}: generate() returned tables {sorted(frames)}, "
            f"expected {sorted(exercise.tables)}"
        )
    for table, dtypes in exercise.tables.items():
        if list(frames[table].columns) != list(dtypes):
            raise ValueError(
                f"{exercise.slug}: generated {table} has columns {list(frames[table].columns)}, "
                f"expected {list(dtypes)}"
            )


def plain_column(column: pd.Series) -> list:
    """A column as driver-ready Python values (None for missing), converted without a row loop."""
    if pd.api.types.is_datetime64_any_dtype(column):
        midnight = bool((column.dropna() == column.dropna().dt.normalize()).all())
        column = column.dt.strftime("%Y-%m-%d" if midnight else "%Y-%m-%d %H:%M:%S.%f")
    return column.astype(object).where(column.notna(), None).tolist()


def bulk_insert(conn, table: str, frame: pd.DataFrame, chunk_rows: int = CHUNK_ROWS) -> None:
    """INSERT a big DataFrame in chunks with executemany (PyMySQL batches each chunk)."""
    names = ", ".join(db.quote(c) for c in frame.columns)
    marks = ", ".join(["%s"] * len(frame.columns))
    statement = f"INSERT INTO {db.quote(table)} ({names}) VALUES ({marks})"
    cursor = conn.connection.cursor()
    try:
        for start in range(0, len(frame), chunk_rows):
            chunk = frame.iloc[start : start + chunk_rows]
            rows = list(zip(*(plain_column(chunk[c]) for c in chunk.columns), strict=True))
            cursor.executemany(statement, rows)
    finally:
        cursor.close()


def load(conn, exercise: Exercise, frames: dict[str, pd.DataFrame]) -> float:
    """(Re)create the exercise's tables and fill them; return the seconds it took."""
    start = time.perf_counter()
    for table in exercise.tables:
        db.execute_raw(conn, f"DROP TABLE IF EXISTS {db.quote(table)}").close()
        db.execute_script(conn, exercise.ddl(table))
        bulk_insert(conn, table, frames[table])
    conn.commit()
    return time.perf_counter() - start


def bench_exercise(
    engine, exercise: Exercise, sizes: list[int], repeats: int, budget_s: float, progress: tqdm
) -> list[Row]:
    """Measure one exercise at every size (stopping early when the budget would be exceeded)."""
    results = []
    for n in sizes:
        if results:
            runs = repeats + (1 if n < 100_000 else 0)
            slowest = max(results[-1].pandas_s, results[-1].mysql_s)
            if slowest * 10 * runs > budget_s:
                progress.write(
                    f"{exercise.slug}: {n:,} rows and above skipped "
                    f"(about {slowest * 10 * runs:.0f} s > --budget-s {budget_s:g})"
                )
                progress.update(len(sizes) - sizes.index(n))
                break
        progress.set_postfix_str(f"{exercise.slug} n={n:,}")
        frames = exercise.generate(n, np.random.default_rng(SEED))
        check_generated(exercise, frames)
        warmup = 1 if n < 100_000 else 0
        pandas_s = measure(lambda f=frames: exercise.run_pandas(f), repeats=repeats, warmup=warmup)
        with engine.connect() as conn:
            load_s = load(conn, exercise, frames)
            if exercise.in_place is None:
                mysql_s = measure(
                    lambda c=conn: exercise.run_sql(c), repeats=repeats, warmup=warmup
                )
            else:
                mysql_s = measure(lambda c=conn: exercise.run_sql(c), repeats=1, warmup=0)
            agree = "-"
            if n == sizes[0]:
                if exercise.in_place is not None:
                    load(conn, exercise, frames)
                problems = frame_differences(
                    exercise.run_pandas(frames),
                    exercise.run_sql(conn),
                    check_order=exercise.ordered,
                )
                agree = "no" if problems else "yes"
            conn.commit()
        results.append(Row(exercise.slug, exercise.number, n, pandas_s, mysql_s, load_s, agree))
        progress.update(1)
    return results


def print_table(console: Console, rows: list[Row]) -> None:
    table = Table(title="pandas vs MySQL (median seconds; load time apart)", title_justify="left")
    for header in (
        "#",
        "exercise",
        "rows",
        "pandas s",
        "MySQL s",
        "MySQL/pandas",
        "load s",
        "agree",
    ):
        table.add_column(header, justify="right" if header not in ("exercise",) else "left")
    for r in rows:
        table.add_row(
            str(r.number),
            r.slug,
            f"{r.rows:,}",
            f"{r.pandas_s:.4f}",
            f"{r.mysql_s:.4f}",
            f"{r.mysql_s / r.pandas_s:.1f}x" if r.pandas_s > 0 else "-",
            f"{r.load_s:.2f}",
            r.agree,
        )
    console.print(table)


def write_csv(rows: list[Row], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["number", "slug", "rows", "pandas_s", "mysql_s", "load_s", "agree"])
        for r in rows:
            writer.writerow([r.number, r.slug, r.rows, r.pandas_s, r.mysql_s, r.load_s, r.agree])
    return path


def plot(rows: list[Row], path: Path) -> Path:
    """One small log-log panel per exercise: time against rows, pandas and MySQL."""
    import matplotlib.pyplot as plt  # common.plotting has already chosen the Agg backend

    slugs = list(dict.fromkeys(r.slug for r in rows))
    ncols = min(4, len(slugs))
    nrows = -(-len(slugs) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(3.6 * ncols, 2.8 * nrows), squeeze=False, sharex=True
    )
    for ax, slug in zip(axes.flat, slugs, strict=False):
        mine = [r for r in rows if r.slug == slug]
        x = [r.rows for r in mine]
        ax.loglog(x, [r.pandas_s for r in mine], "o-", label="pandas")
        ax.loglog(x, [r.mysql_s for r in mine], "s--", label="MySQL query")
        ax.set_title(f"{mine[0].number}. {slug}", fontsize=8)
        ax.grid(True, which="both", alpha=0.3)
    for ax in list(axes.flat)[len(slugs) :]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=7)
    fig.supxlabel("rows")
    fig.supylabel("seconds (median)")
    fig.tight_layout()
    return save_figure(fig, path)


def select(chapter: int | None, slug: str | None) -> list[Exercise]:
    """The exercises to measure: those with a generate hook, filtered by chapter/slug."""
    chosen = [e for e in all_exercises() if e.generate is not None]
    if chapter is not None:
        chosen = [e for e in chosen if e.chapter == chapter]
    if slug is not None:
        chosen = [e for e in chosen if e.slug == slug]
    if not chosen:
        raise ValueError(
            f"no exercise with a generate() hook matches chapter={chapter} slug={slug!r}"
        )
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chapter", type=int, help="only this chapter's exercises")
    parser.add_argument("--slug", help="only this exercise")
    parser.add_argument("--max-rows", type=int, default=100_000, help="largest size (10^k)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per measurement")
    parser.add_argument(
        "--budget-s", type=float, default=120.0, help="skip sizes likely to take longer"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the CSV and plot")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    try:
        sizes = sizes_up_to(args.max_rows)
        exercises = select(args.chapter, args.slug)
    except ValueError as error:
        parser.error(str(error))
    console = Console(width=max(Console().width, 110))
    try:
        db.wait_for_server(timeout=10)
    except db.ServerUnavailable as error:
        console.print(f"SQL benchmark skipped: {error}")
        return 0
    rows: list[Row] = []
    with db.throwaway_database("bench") as engine:
        with tqdm(total=len(exercises) * len(sizes), desc="sql bench", unit="run") as progress:
            for exercise in exercises:
                rows += bench_exercise(
                    engine, exercise, sizes, args.repeats, args.budget_s, progress
                )
    print_table(console, rows)
    csv_path = write_csv(rows, args.out / "sql_bench.csv")
    png_path = plot(rows, args.out / "sql_bench.png")
    console.print(f"wrote {csv_path} and {png_path}")
    return 1 if any(r.agree == "no" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
