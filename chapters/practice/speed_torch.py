"""The PyTorch speed report, for the exercises whose point is speed or memory: your function and
the reference (and the exercise's other rungs, for comparison) at one size that shows the
difference, timed in the child that runs your code, with the peak memory of each call."""

from __future__ import annotations

import ctypes
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from rich.table import Table

from chapters.practice.child import LearnerCode
from chapters.practice.speed import Point, Report, megabytes, seconds

RUNS, ENOUGH_S = 5, 1.0  # timed runs after one warm-up: at most RUNS, fewer past ENOUGH_S


@dataclass(frozen=True)
class TorchPerf:
    """What a TorchExercise declares (`perf=`) to get a speed report after a pass."""

    inputs: Callable[[], tuple]  # the arguments at the size that shows the difference (seeded)
    size: str  # that size in words: "n = m = 1,000 points of d = 64"
    rungs: tuple[tuple[str, Callable], ...] = ()  # other answers shown beside, e.g. a slow one


def _status_bytes(key: str) -> int | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def peak_during(call: Callable[[], object]) -> int | None:
    """The resident memory one call adds at its peak (Linux: the high-water mark, reset first)."""
    try:
        ctypes.CDLL(None).malloc_trim(0)  # glibc: hand freed pages back, so reusing them counts
    except (AttributeError, OSError):
        pass
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # resets VmHWM to the current resident size
    except OSError:
        return None
    before = _status_bytes("VmHWM")
    call()
    after = _status_bytes("VmHWM")
    return None if before is None or after is None else max(after - before, 0)


_arguments: list = []  # in the child: the inputs, made once


def _measure(perf: TorchPerf, reference: Callable, function: Callable, who: str) -> dict:
    """In the child: one answer timed (the best of a few runs after a warm-up) and its peak."""
    if not _arguments:
        _arguments.append(perf.inputs())
    args = _arguments[0]
    chosen = {"yours": function, "reference": reference, **dict(perf.rungs)}[who]
    chosen(*args)  # a warm-up: first calls set up what later ones reuse
    peak = peak_during(lambda: chosen(*args))
    best, total = float("inf"), 0.0
    for _ in range(RUNS):
        start = time.perf_counter()
        chosen(*args)
        took = time.perf_counter() - start
        best, total = min(best, took), total + took
        if total >= ENOUGH_S:
            break
    return {"seconds": best, "peak": peak}


def measure_torch(exercise, path, budget_s: float) -> Report:
    """The report on a solved solution.py of a TorchExercise that declares `perf`."""
    perf: TorchPerf = exercise.perf
    report = Report(
        "PyTorch",
        "the child's clock, the best of up to 5 runs after a warm-up, on the CPU, one thread "
        "(the judge's child runs torch single-threaded)",
        budget_s=budget_s,
        memory="what the process's resident memory grew by at its peak during one call (Linux's "
               "high-water mark, reset before the call, freed pages handed back first)")
    start = time.monotonic()
    runner = partial(_measure, perf, exercise.reference)
    names = ["reference", "yours", *(name for name, _ in perf.rungs)]
    measured: dict[str, dict | None] = {}
    with LearnerCode(path, exercise.name, runner, timeout_s=budget_s) as code:
        started = code.start()
        if not started.ok:
            report.skipped = f"your file did not load again: {started.error}"
            return report
        for name in names:
            code.timeout_s = max(budget_s - (time.monotonic() - start), 0.5)
            got = code.call(name)
            measured[name] = got.value if got.ok else None
            if got.timed_out:
                report.stopped = f"{name} ran past what was left of the budget"
                break
    ours, yours = measured.get("reference"), measured.get("yours")
    report.points.append(Point(
        0, None if yours is None else yours["seconds"], None if ours is None else ours["seconds"],
        None if yours is None else yours["peak"], None if ours is None else ours["peak"],
        yours_over=yours is None and "yours" in measured, label=perf.size))
    report.answers = measured
    report.extra.append(_rungs(measured))
    report.spent_s = time.monotonic() - start
    return report


def _rungs(measured: dict[str, dict | None]) -> Table:
    table = Table(title="every answer measured, at the same size", title_justify="left",
                  box=None, padding=(0, 2))
    for header in ("answer", "best time", "peak memory"):
        table.add_column(header, justify="left" if header == "answer" else "right")
    for name, value in measured.items():
        if value is None:
            table.add_row(name, "-", "-")
        else:
            table.add_row(name, seconds(value["seconds"]), megabytes(value["peak"]),
                          style="bold" if name == "yours" else None)
    return table

