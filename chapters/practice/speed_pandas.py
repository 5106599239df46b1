"""The pandas half's speed report: your function and the reference on the exercise's generated
tables at growing sizes, timed and measured in the child that runs your code (plain numbers
cross back), with the peak memory of each."""

from __future__ import annotations

import time
import tracemalloc
from functools import partial

import numpy as np

from chapters.practice.child import LearnerCode
from chapters.practice.speed import Overran, Point, Report, best_of_pairs, climb

SEED = 0
TRACED_SLOWDOWN = 10  # a traced run is not started unless this many untraced ones fit the budget
_frames: dict[int, dict] = {}  # in the child: the tables of the last size, generated once


def _tables(exercise, rows: int) -> dict:
    if rows not in _frames:
        _frames.clear()
        _frames[rows] = exercise.generate(rows, np.random.default_rng(SEED))
    return _frames[rows]


def _measure(exercise, function, payload) -> dict:
    """In the child: one run of yours or the reference on copies of the tables, timed, or (traced)
    its peak memory by tracemalloc. The copies are made outside what is measured."""
    rows, who, traced = payload
    frames = _tables(exercise, rows)
    solve = function if who == "yours" else exercise.solve
    copies = [frames[table].copy() for table in exercise.inputs]
    if traced:
        tracemalloc.start()
        try:
            solve(*copies, **exercise.params)
            return {"peak": tracemalloc.get_traced_memory()[1]}
        finally:
            tracemalloc.stop()
    start = time.perf_counter()
    solve(*copies, **exercise.params)
    return {"seconds": time.perf_counter() - start}


def measure_pandas(practice, path, budget_s: float, sizes) -> Report:
    """The report on solution.py (a solved one) for an SqlPractice exercise."""
    ex = practice.exercise
    report = Report(
        "pandas",
        "the child's clock around each call (the tables copied beforehand, not counted); the "
        "best of up to 3 runs each, taken in turns",
        budget_s=budget_s,
        memory="the peak of what Python and numpy allocated during one call (tracemalloc, in a "
               "run of its own, left out where it would not fit the budget)")
    if ex.generate is None:
        report.skipped = "this exercise has no generator of big tables"
        return report
    start = time.monotonic()

    def left() -> float:
        return budget_s - (time.monotonic() - start)

    with LearnerCode(path, ex.slug, partial(_measure, ex), timeout_s=budget_s) as code:
        started = code.start()
        if not started.ok:
            report.skipped = f"your file did not load again: {started.error}"
            return report

        def call(rows: int, who: str, traced: bool) -> dict | None:
            code.timeout_s = max(left(), 0.5)
            got = code.call((rows, who, traced))
            if got.timed_out and traced:  # the tracing made it slower than what was left
                return None
            if got.timed_out and who == "yours":
                raise Overran(code.timeout_s)
            if not got.ok:
                raise RuntimeError(f"{who} failed at {rows:,} rows: {got.error}")
            return got.value

        def peak(rows: int, who: str, took_s: float) -> int | None:
            """The peak of one traced run, unless tracing (often several times slower, for code
            that allocates in a Python loop) would likely overrun the budget."""
            if TRACED_SLOWDOWN * took_s > left():
                return None
            traced = call(rows, who, True)
            return None if traced is None else traced["peak"]

        def measure(rows: int, _left_s: float) -> Point:
            point = Point(rows, None, None)
            try:
                point.reference_s, point.yours_s, point.yours_over = best_of_pairs(
                    lambda: call(rows, "reference", False)["seconds"],
                    lambda: call(rows, "yours", False)["seconds"], left)
                if not point.yours_over:
                    point.reference_peak = peak(rows, "reference", point.reference_s)
                    point.yours_peak = peak(rows, "yours", point.yours_s)
            except RuntimeError as error:
                report.stopped = str(error).splitlines()[-1]
                point.yours_s = None
            return point

        climb(sizes, budget_s, measure, report)
    report.spent_s = time.monotonic() - start
    return report
