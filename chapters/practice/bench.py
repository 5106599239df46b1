"""How long the practice commands take, as a learner runs them: `python -m chapters.practice.bench`.

Every command runs in a fresh process, as `make` runs it, on the reference answers, RUNS times;
the table shows the median and the spread of each beside its goal. The example's verdict is
the moment its line ("the example agrees") reaches the terminal. A watch re-check is the time
from a save to the next verdict in one running `watch`. A benchmark: it measures and prints,
it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from chapters.practice import catalog
from chapters.practice.workspace import Workspace

RUNS = 5
SQL_EXERCISES = ("183", "1517", "184")
TORCH_EXERCISES = ("ch01_one_hot", "ch02_standardize", "ch04_linear_grads")
GOALS = {"list": 1.5, "example verdict": 1.5, "check": 3.0, "watch re-check": 1.5}
VERDICT = ("✓", "✗")


def reference_files(exercise) -> dict[str, str]:
    """The files a learner who wrote the reference answers would have."""
    if exercise.languages == ("python", "sql"):
        solve = exercise.exercise.solve
        return {"solution.py": f"from {solve.__module__} import {solve.__name__} as _answer\n"
                               f"{exercise.slug} = _answer\n",
                "solution.sql": exercise.exercise.solution_sql}
    return {"solution.py": f"from {exercise.reference.__module__} import "
                           f"{exercise.reference.__name__} as _answer\n{exercise.name} = _answer\n"}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "chapters.practice", *args]


def timed_lines(argv: list[str], env: dict, until: str | None = None) -> dict[str, float]:
    """Run a command; seconds from its start to its end, and to the first line holding `until`."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    times = {}
    for line in process.stdout:
        if until and until in line and "first" not in times:
            times["first"] = time.perf_counter() - start
    process.wait()
    times["end"] = time.perf_counter() - start
    return times


def watch_rechecks(exercise, language: str, env: dict, folder: Path, runs: int) -> list[float]:
    """Seconds from a save to the verdict, `runs` times, in one `watch` process."""
    watcher = subprocess.Popen(command("watch", exercise.slug, f"--lang={language}"), env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in watcher.stdout], daemon=True).start()

    def next_verdict() -> None:
        while not lines.get(timeout=120).lstrip().startswith(VERDICT):
            pass

    path = folder / exercise.files()[language]
    seconds = []
    try:
        next_verdict()  # the first check, as the watch starts
        for _ in range(runs):
            while not lines.empty():
                lines.get()
            start = time.perf_counter()
            path.write_text(path.read_text())  # a save
            next_verdict()
            seconds.append(time.perf_counter() - start)
    finally:
        watcher.terminate()
        watcher.wait(10)
    return seconds


def measure(runs: int, sql: bool) -> list[tuple[str, str, list[float]]]:
    """(what, on which exercises, the seconds measured) for each row of the table."""
    root = Path(tempfile.mkdtemp(prefix="practice-bench-"))
    # The goals are the judge's own: the speed report after a pass (about 10 s) is left out.
    env = {**os.environ, "PRACTICE_DIR": str(root), "COLUMNS": "100", "PRACTICE_PERF": "0"}
    workspace = Workspace(root)
    chosen = [catalog.find(key) for key in (*SQL_EXERCISES, *TORCH_EXERCISES)]
    for exercise in chosen:
        workspace.start(exercise)
        for name, text in reference_files(exercise).items():
            (workspace.folder(exercise) / name).write_text(text)
    rows = [("list", "all", [timed_lines(command("list"), env)["end"] for _ in range(runs)])]
    halves = [("python", "pandas half")] + ([("sql", "SQL half")] if sql else [])
    for language, label in halves:
        times = [timed_lines(command("check", key, f"--lang={language}"), env, "the example")
                 for _ in range(runs) for key in SQL_EXERCISES]
        keys = ", ".join(SQL_EXERCISES)
        rows.append((f"example verdict ({label})", keys, [t.get("first", t["end"]) for t in times]))
        rows.append((f"check ({label})", keys, [t["end"] for t in times]))
    times = [timed_lines(command("check", key), env)["end"] for _ in range(runs) for key in TORCH_EXERCISES]
    rows.append(("check (PyTorch)", ", ".join(TORCH_EXERCISES), times))
    first = chosen[0]
    for language, label in halves:
        rechecks = watch_rechecks(first, language, env, workspace.folder(first), runs)
        rows.append((f"watch re-check ({label})", first.slug, rechecks))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chapters.practice.bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--no-sql", action="store_true", help="leave out the SQL half (no server)")
    args = parser.parse_args(argv)
    table = Table(title=f"Practice commands, seconds ({args.runs} runs each, every command in a "
                        "fresh process)")
    for column in ("command", "exercises", "median", "min", "max", "goal", ""):
        table.add_column(column, justify="left" if column in ("command", "exercises") else "right")
    for what, keys, seconds in measure(args.runs, sql=not args.no_sql):
        goal = next(limit for name, limit in GOALS.items() if what.startswith(name))
        median = statistics.median(seconds)
        table.add_row(what, keys, f"{median:.2f}", f"{min(seconds):.2f}", f"{max(seconds):.2f}",
                      f"{goal:g}", "met" if median <= goal else "missed")
    Console().print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
