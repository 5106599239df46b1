"""Benchmark every SQL exercise that can generate big tables: where the time goes, pandas vs MySQL.

    python -m chapters.sqlkit.bench [--chapter N] [--slug S] [--max-rows 100000] [--repeats 3]
                                    [--tuning before|after|both] [--budget-s 120]
                                    [--statement-timeout-s S] [--check-max 100000] [--sample 200]

For each exercise with a `generate` hook and each size 10^3, 10^4, ... up to --max-rows
(default 10^5, so that a quick run stays short; `make bench-sql` goes to 10^6, both modes):

* the tables are generated (same seed every run) and loaded into a throwaway database with
  chunked `executemany` INSERTs; the load time is reported on its own;
* "pandas" is the median time of `exercise.run_pandas(frames)` (the solution on copies);
* "server" is the server's own clock (`SHOW PROFILES`) for the SQL script exactly as written,
  read through the fastest driver installed (chapters/sqlkit/drivers.py says why);
* "mysqlclient", "PyMySQL" and "DataFrame" are the client's wall time for the final query,
  its rows read by mysqlclient's and PyMySQL's raw cursors and through SQLAlchemy into a
  DataFrame (what the tests do); "fetch" is the DataFrame time less the server's;
* --tuning: "before" is the problem's schema with the servers' default 16 MiB temporary
  tables; "after" adds the DBA's indexes (and rewrite, if any) from sql/chNN/<slug>/tuning/
  and the settings of chapters/sqlkit/tuning.py; "both" measures the two on one load;
* the answers are compared at every size: every row up to --check-max, above it the row
  count and the rows of --sample keys (`sample_differences`);
* "exp" is the log-log growth exponent from the previous size (1 linear, 2 quadratic);
* one untimed warm-up run precedes the timed ones below 10^5 rows (above, the work dwarfs it);
* a mode stops growing when its next size would likely take longer than --budget-s, or when
  the server stopped one of its statements after --statement-timeout-s (default: the
  budget): a quadratic plan (a self-join DELETE, say) would otherwise hold the run for hours.

It prints the table and the exercises that miss the targets at 10^6 rows (server within 3x
of pandas; growth at most n^1.2), and writes bench-results/sql_bench.csv (after each
exercise) and a log-log plot, bench-results/sql_bench.png. Without a server it prints one
line and exits with status 0; it exits with 1 when an answer differs.

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
import math
import statistics
import sys
import time
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd
from rich.console import Console
from rich.table import Table
from tqdm import tqdm

from chapters.sqlkit import db, drivers, tuning
from chapters.sqlkit.exercise import Exercise
from chapters.sqlkit.frames import frame_differences, normalize_value
from chapters.sqlkit.registry import all_exercises
from common.plotting import RESULTS, log_axis_ticks, log_seconds_axis, save_figure
from common.timing import measure

SEED = 0
CHUNK_ROWS = 20_000


@dataclass
class Row:
    """One measurement: an exercise at one size, with or without the DBA's tuning."""

    slug: str
    number: int
    tuning: str  # "before" (the problem's schema, default settings) or "after"
    rows: int
    load_s: float  # generate nothing, only the INSERTs (and the tuning's indexes, if "after")
    pandas_s: float  # the pandas solution on copies of the frames
    server_s: float  # the server's own clock (SHOW PROFILES), every statement of the script
    cdriver_s: float  # the final query sent and its rows read by mysqlclient (nan: not installed)
    pymysql_s: float  # the same through PyMySQL's raw cursor
    server_query_s: float  # SHOW PROFILES, the final query alone
    frame_s: float  # the same through SQLAlchemy + PyMySQL into a DataFrame, as the tests do
    out_rows: int  # rows in the answer
    agree: str  # "yes", "no", or "timeout"
    checked: str  # "all" rows compared, or a "sample" of them (above --check-max rows)
    server_exp: float = float("nan")  # log-log growth from the previous size (nan: first size)
    pandas_exp: float = float("nan")

    @property
    def fetch_s(self) -> float:
        """The client's share of the DataFrame path: its wall time less the server's."""
        return self.frame_s - self.server_query_s

    @property
    def ratio(self) -> float:
        """Server time over pandas time."""
        return self.server_s / self.pandas_s if self.pandas_s > 0 else float("nan")


FIELDS = [f.name for f in fields(Row)]


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


def growth_exponent(rows_before: int, s_before: float, rows: int, s: float) -> float:
    """The log-log slope between two measurements: 1 is linear, 2 quadratic (nan if unknown)."""
    if not (s_before > 0 and s > 0 and rows > rows_before > 0):
        return float("nan")
    return math.log(s / s_before) / math.log(rows / rows_before)


def add_growth_exponents(rows: list[Row]) -> None:
    """Fill each row's exponents from the previous size of the same exercise and tuning."""
    previous: dict[tuple[str, str], Row] = {}
    for r in sorted(rows, key=lambda r: (r.slug, r.tuning, r.rows)):
        before = previous.get((r.slug, r.tuning))
        if before is not None:
            r.server_exp = growth_exponent(before.rows, before.server_s, r.rows, r.server_s)
            r.pandas_exp = growth_exponent(before.rows, before.pandas_s, r.rows, r.pandas_s)
        previous[(r.slug, r.tuning)] = r


def _sample_column(frame: pd.DataFrame, sample: int) -> str | None:
    """The first column of exact values (integers or text) with at least `sample` distinct ones."""
    for column in frame.columns:
        values = [normalize_value(v) for v in frame[column].head(50)]
        exact = all(v is None or type(v) in (int, str) for v in values)
        if exact and any(v is not None for v in values) and frame[column].nunique() >= sample:
            return column
    return None


def sample_differences(
    want: pd.DataFrame, got: pd.DataFrame, ordered: bool, sample: int, seed: int = SEED
) -> list[str]:
    """Differences between two big answers: row counts, then the rows of a sample of keys.

    The keys are `sample` values of one exact column (integers or text) drawn from `want`;
    both answers keep the rows holding those keys, and the two subsets must match in full.
    Without a column that has `sample` distinct values, the whole answers are compared.
    """
    if len(want) != len(got):
        return [f"{len(got)} rows, expected {len(want)}"]
    column = _sample_column(want, sample)
    if column is None or column not in got.columns:
        return frame_differences(want, got, check_order=ordered)
    want_keys = want[column].map(normalize_value)
    rng = np.random.default_rng(seed)
    keys = set(rng.choice(want_keys.dropna().unique(), size=sample, replace=False).tolist())
    got_keys = got[column].map(normalize_value)
    return frame_differences(
        want[want_keys.isin(keys)], got[got_keys.isin(keys)], check_order=ordered
    )


def script_parts(
    exercise: Exercise, script: str | None = None
) -> tuple[list[str], str, dict | None]:
    """(setup statements, the final query, its parameters), as Exercise.run_sql runs them."""
    statements = db.split_statements(exercise.solution_sql if script is None else script)
    if exercise.result_sql is None:
        *setup, query = statements
        return setup, query, None
    return statements, exercise.result_sql, exercise.params or None


def session_statements(mode: str, timeout_s: float, server: str) -> list[str]:
    """The tuning mode's settings and a statement time limit, in this server's dialect."""
    if server == "mariadb":
        limit = f"SET SESSION max_statement_time = {timeout_s:g}"
    else:  # MySQL: milliseconds, and for SELECT only
        limit = f"SET SESSION max_execution_time = {int(timeout_s * 1000)}"
    return [*tuning.session_settings(mode), limit]


def server_kind(conn) -> str:
    """'mariadb' or 'mysql', from the server's version string."""
    version = db.execute_raw(conn, "SELECT VERSION()").scalar()
    return "mariadb" if "mariadb" in str(version).lower() else "mysql"


class StatementTimeout(RuntimeError):
    """The server stopped a statement that ran past --statement-timeout-s."""


_TIMEOUT_CODES = (1969, 3024)  # MariaDB max_statement_time, MySQL max_execution_time


def _timed_out(error: BaseException) -> bool:
    orig = getattr(error, "orig", None) or error
    args = getattr(orig, "args", ())
    return bool(args) and args[0] in _TIMEOUT_CODES


def raw_runs(
    driver: str, database: str, session: list[str], parts, runs: int, warmup: int, with_setup: bool
) -> list[drivers.Timed]:
    """Run the script (or only its query) `warmup + runs` times through a raw driver."""
    setup, query, params = parts
    connection = drivers.connect(driver, database)
    try:
        cursor = connection.cursor()
        for statement in session:
            cursor.execute(statement)
        cursor.close()
        timed = []
        for _ in range(warmup + runs):
            try:
                timed.append(
                    drivers.run_profiled(connection, setup if with_setup else [], query, params)
                )
            except Exception as error:
                if _timed_out(error):
                    raise StatementTimeout(str(error)) from None
                raise
        return timed[warmup:]
    finally:
        connection.close()


def measure_mode(
    conn, exercise: Exercise, mode: str, n: int, repeats: int, timeout_s: float, server: str
) -> tuple[dict[str, float], pd.DataFrame]:
    """Server, driver and DataFrame times of the SQL solution on the loaded tables."""
    session = session_statements(mode, timeout_s, server)
    database = conn.engine.url.database
    parts = script_parts(exercise, tuning.script(exercise, mode))
    once = exercise.in_place is not None  # a second run would find the work done
    runs = 1 if once else repeats
    warmup = 0 if once or n >= 100_000 else 1
    client_runs = 1 if once or n >= 100_000 else repeats
    fast = drivers.server_clock_driver()
    conn.commit()  # the raw connections must see the loaded tables
    timed = raw_runs(fast, database, session, parts, runs, warmup, with_setup=True)
    times = {
        "server_s": statistics.median(t.server_script_s for t in timed),
        "server_query_s": statistics.median(t.server_query_s for t in timed),
        "cdriver_s": statistics.median(t.wall_query_s for t in timed)
        if fast == "mysqlclient"
        else float("nan"),
    }
    if fast == "pymysql":
        times["pymysql_s"] = statistics.median(t.wall_query_s for t in timed)
    else:
        py = raw_runs("pymysql", database, session, parts, client_runs, 0, with_setup=False)
        times["pymysql_s"] = statistics.median(t.wall_query_s for t in py)
    for statement in session:
        db.execute_raw(conn, statement).close()
    _, query, params = parts
    answer, walls = None, []
    for _ in range(client_runs):
        start = time.perf_counter()
        try:
            answer = db.query_frame(conn, query, params)
        except Exception as error:
            if _timed_out(error):
                raise StatementTimeout(str(error)) from None
            raise
        walls.append(time.perf_counter() - start)
    times["frame_s"] = statistics.median(walls)
    return times, answer


def bench_size(
    engine, exercise: Exercise, n: int, modes: list[str], options: argparse.Namespace
) -> list[Row]:
    """Every tuning mode of one exercise at one size: one load, shared when the SQL reads only."""
    frames = exercise.generate(n, np.random.default_rng(SEED))
    check_generated(exercise, frames)
    warmup = 1 if n < 100_000 else 0
    pandas_s = measure(
        lambda f=frames: exercise.run_pandas(f), repeats=options.repeats, warmup=warmup
    )
    want = exercise.run_pandas(frames)
    checked = "all" if n <= options.check_max else "sample"
    results = []
    with engine.connect() as conn:
        server = server_kind(conn)
        loaded = False
        for mode in modes:
            start = time.perf_counter()
            if not loaded or exercise.in_place is not None:
                load(conn, exercise, frames)
                loaded = True
            if mode == "after":
                tuning.create_indexes(conn, exercise)
            load_s = time.perf_counter() - start
            try:
                times, got = measure_mode(
                    conn, exercise, mode, n, options.repeats, options.statement_timeout_s, server
                )
            except StatementTimeout:
                nan = float("nan")
                times = dict.fromkeys(
                    ("server_s", "server_query_s", "cdriver_s", "pymysql_s", "frame_s"), nan
                )
                times["server_s"] = options.statement_timeout_s  # at least this long
                agree, got = "timeout", None
            else:
                if checked == "all":
                    problems = frame_differences(want, got, check_order=exercise.ordered)
                else:
                    problems = sample_differences(want, got, exercise.ordered, options.sample)
                agree = "no" if problems else "yes"
            conn.commit()
            results.append(
                Row(
                    slug=exercise.slug,
                    number=exercise.number,
                    tuning=mode,
                    rows=n,
                    load_s=load_s,
                    pandas_s=pandas_s,
                    server_s=times["server_s"],
                    server_query_s=times["server_query_s"],
                    cdriver_s=times["cdriver_s"],
                    pymysql_s=times["pymysql_s"],
                    frame_s=times["frame_s"],
                    out_rows=len(want),
                    agree=agree,
                    checked=checked,
                )
            )
    return results


def estimated_next_s(row: Row, repeats: int) -> float:
    """Seconds the next size (10x the rows) would take for this row's mode, if linear."""
    timed = row.pandas_s + row.server_s + row.pymysql_s + row.frame_s
    return 10 * timed * (repeats + 1)


def bench_exercise(
    engine,
    exercise: Exercise,
    sizes: list[int],
    modes: list[str],
    options: argparse.Namespace,
    progress: tqdm,
) -> list[Row]:
    """Measure one exercise at every size; a mode stops when its next size would exceed the budget."""
    results: list[Row] = []
    active = list(modes)
    for n in sizes:
        if not active:
            progress.update(len(sizes) - sizes.index(n))
            break
        progress.set_postfix_str(f"{exercise.slug} n={n:,}")
        rows = bench_size(engine, exercise, n, active, options)
        results += rows
        progress.update(1)
        for row in rows:
            estimate = estimated_next_s(row, options.repeats)
            if row.agree == "timeout" or (n < sizes[-1] and estimate > options.budget_s):
                active.remove(row.tuning)
                why = (
                    "a statement timed out" if row.agree == "timeout" else f"about {estimate:.0f} s"
                )
                progress.write(
                    f"{exercise.slug} ({row.tuning}): above {n:,} rows skipped "
                    f"({why}; --budget-s {options.budget_s:g})"
                )
    return results


def _seconds(value: float) -> str:
    if value != value:  # nan
        return "-"
    return f"{value:.3f}" if value >= 0.01 else f"{value:.4f}"


def _exponent(value: float) -> str:
    return "-" if value != value else f"{value:.2f}"


def print_table(console: Console, rows: list[Row]) -> None:
    title = (
        "pandas vs the server (median seconds). server: its own clock (SHOW PROFILES, read "
        f"through {drivers.server_clock_driver()}); mysqlclient / PyMySQL / DataFrame: the "
        "query sent and its rows read by each client; fetch = DataFrame - server (the query alone); exp: "
        "log-log growth from the previous size; load apart"
    )
    table = Table(title=title, title_justify="left")
    headers = [
        "#", "exercise", "tuning", "rows", "pandas", "server", "server exp", "pandas exp",
        "mysqlclient", "PyMySQL", "DataFrame", "fetch", "server/pandas", "load", "agree",
    ]  # fmt: skip
    for header in headers:
        table.add_column(header, justify="left" if header in ("exercise", "tuning") else "right")
    for r in rows:
        table.add_row(
            str(r.number),
            r.slug,
            r.tuning,
            f"{r.rows:,}",
            _seconds(r.pandas_s),
            f">{r.server_s:g}" if r.agree == "timeout" else _seconds(r.server_s),
            _exponent(r.server_exp),
            _exponent(r.pandas_exp),
            _seconds(r.cdriver_s),
            _seconds(r.pymysql_s),
            _seconds(r.frame_s),
            _seconds(r.fetch_s),
            "-" if r.ratio != r.ratio else f"{r.ratio:.1f}x",
            f"{r.load_s:.2f}",
            r.agree if r.checked == "all" else f"{r.agree} (sample)",
        )
    console.print(table)


def target_misses(rows: list[Row], ratio: float = 3.0, exponent: float = 1.2) -> list[str]:
    """The issue's targets, checked on the tuned rows: lines for each exercise that misses one."""
    misses = []
    tuned = [r for r in rows if r.tuning == "after"]
    for slug in dict.fromkeys(r.slug for r in tuned):
        mine = [r for r in tuned if r.slug == slug]
        top = max(mine, key=lambda r: r.rows)
        if top.rows < 1_000_000:
            continue  # the targets are set at a million rows
        if top.ratio > ratio:
            misses.append(
                f"{top.number} {slug}: server {top.ratio:.1f}x pandas at {top.rows:,} rows"
            )
        if top.server_exp > exponent:
            misses.append(
                f"{top.number} {slug}: server grows as n^{top.server_exp:.2f} up to {top.rows:,}"
            )
    return misses


def misses_report(misses: list[str], clock_driver: str) -> list[str]:
    """The lines to print for the missed targets (none when every target is met)."""
    if not misses:
        return []
    lines = ["Targets missed (server within 3x of pandas; growth at most n^1.2):"]
    lines += [f"  {line}" for line in misses]
    if clock_driver == "pymysql":  # the slow reader holds the server's clock (query_plans.md)
        lines.append(
            "  (the server's clock was read through PyMySQL: for an answer of many rows it also "
            "counts PyMySQL reading them; install mysqlclient to time the server alone, see "
            "chapters/ch06_filtering/query_plans.md)"
        )
    return lines


def write_csv(rows: list[Row], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*FIELDS, "fetch_s", "ratio"])
        for r in rows:
            writer.writerow([*(getattr(r, name) for name in FIELDS), r.fetch_s, r.ratio])
    return path


def plot(rows: list[Row], path: Path) -> Path:
    """One small log-log panel per exercise: pandas, the server before/after, the DataFrame path."""
    import matplotlib.pyplot as plt  # common.plotting has already chosen the Agg backend

    slugs = list(dict.fromkeys(r.slug for r in rows))
    ncols = min(4, len(slugs))
    nrows = -(-len(slugs) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(3.6 * ncols, 2.8 * nrows), squeeze=False, sharex=True
    )
    for ax, slug in zip(axes.flat, slugs, strict=False):
        mine = [r for r in rows if r.slug == slug]
        after = [r for r in mine if r.tuning == "after"] or mine
        before = [r for r in mine if r.tuning == "before"]
        ax.loglog([r.rows for r in after], [r.pandas_s for r in after], "o-", label="pandas")
        if before and before is not after:
            x, y = [r.rows for r in before], [r.server_s for r in before]
            ax.loglog(x, y, "x:", label="server, before")
        if after is not before:
            x, y = [r.rows for r in after], [r.server_s for r in after]
            ax.loglog(x, y, "s--", label="server, after")
            ax.loglog(
                x, [r.frame_s for r in after], "^-.", label="query into a DataFrame", alpha=0.6
            )
        ax.set_title(f"{mine[0].number}. {slug}", fontsize=8)
        log_seconds_axis(ax)
        ax.grid(True, which="major", alpha=0.3)
    for ax in list(axes.flat)[len(slugs) :]:
        ax.axis("off")
    log_axis_ticks(axes.flat[0], [r.rows for r in rows])  # the x-axis is shared
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
    parser.add_argument(
        "--tuning",
        choices=("before", "after", "both"),
        default="after",
        help="the problem's schema and default settings, the DBA's indexes and settings, or both",
    )
    parser.add_argument(
        "--check-max",
        type=int,
        default=100_000,
        help="compare every row up to this size; above it, a sample",
    )
    parser.add_argument("--sample", type=int, default=200, help="keys compared above --check-max")
    parser.add_argument(
        "--statement-timeout-s",
        type=float,
        default=None,
        help="the server stops a statement after this long (default: --budget-s)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the CSV and plot")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.statement_timeout_s is None:
        args.statement_timeout_s = args.budget_s
    modes = list(tuning.MODES) if args.tuning == "both" else [args.tuning]
    try:
        sizes = sizes_up_to(args.max_rows)
        exercises = select(args.chapter, args.slug)
    except ValueError as error:
        parser.error(str(error))
    console = Console(width=max(Console().width, 200))
    try:
        db.wait_for_server(timeout=10)
    except db.ServerUnavailable as error:
        console.print(f"SQL benchmark skipped: {error}")
        return 0
    rows: list[Row] = []
    with db.throwaway_database("bench") as engine:
        with tqdm(total=len(exercises) * len(sizes), desc="sql bench", unit="size") as progress:
            for exercise in exercises:
                rows += bench_exercise(engine, exercise, sizes, modes, args, progress)
                write_csv(rows, args.out / "sql_bench.csv")  # kept if a later one fails
    add_growth_exponents(rows)
    print_table(console, rows)
    for line in misses_report(target_misses(rows), drivers.server_clock_driver()):
        console.print(line)
    csv_path = write_csv(rows, args.out / "sql_bench.csv")
    png_path = plot(rows, args.out / "sql_bench.png")
    console.print(f"wrote {csv_path} and {png_path}")
    return 1 if any(r.agree == "no" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
