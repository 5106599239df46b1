"""After a pass: how fast is the answer? The learner's answer against the reference as the
inputs grow, within a time budget, and one line that says whether it is slower and why.

The measuring lives in one small module a language (speed_sql, speed_pandas, speed_torch);
this one holds what they share: the thresholds, the size ladder under a budget, the report
and its verdict line. The report is information: it never changes a verdict.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

# --- the thresholds: the report says "slower" when one of these is crossed -------------------
BUDGET_S = 10.0  # the whole report of one half, measuring included
SIZES = (1_000, 10_000, 100_000)  # rows of the main table, climbed while the budget lasts
SLOWER_RATIO = 3.0  # your time over the reference's at the largest size both reached
EXPONENT_MARGIN = 0.3  # your growth exponent above the reference's
MEMORY_RATIO = 3.0  # your peak memory over the reference's
MIN_TIMED_S = 0.002  # below this a time of yours is mostly overhead: its growth is not compared
MIN_PEAK_BYTES = 2**20  # below this a peak is not compared
HERE = "chapters/practice/speed.py"


@dataclass
class Point:
    """Both answers at one size: seconds (the best run) and peak bytes, None where unmeasured."""

    rows: int
    yours_s: float | None
    reference_s: float | None
    yours_peak: int | None = None
    reference_peak: int | None = None
    yours_over: bool = False  # yours ran past what was left of the budget: yours_s is a floor
    label: str = ""  # the size in words, where rows alone does not say it

    @property
    def ratio(self) -> float | None:
        if self.yours_s is None or not self.reference_s:
            return None
        return self.yours_s / self.reference_s

    @property
    def memory_ratio(self) -> float | None:
        if self.yours_peak is None or not self.reference_peak:
            return None
        return self.yours_peak / self.reference_peak


@dataclass(frozen=True)
class Finding:
    """One reason the answer may be slower, and the lesson section that explains it."""

    what: str
    where: str  # a file, with an anchor: chapters/ch06_filtering/query_plans.md#2-reading-a-plan


@dataclass
class Report:
    """What one half's measurement found."""

    half: str  # "SQL", "pandas", "PyTorch"
    clock: str  # how the times were taken, in words
    points: list[Point] = field(default_factory=list)
    budget_s: float = BUDGET_S
    spent_s: float = 0.0
    stopped: str | None = None  # why the ladder stopped below its top size
    findings: list[Finding] = field(default_factory=list)
    extra: list[RenderableType] = field(default_factory=list)  # plans, rungs: shown as they are
    skipped: str | None = None  # why there is no measurement at all
    memory: str = ""  # what the peak memory counts, when it is measured
    answers: dict[str, dict | None] = field(default_factory=dict)  # PyTorch: each rung by name

    # --- what it compares -----------------------------------------------------------------
    @property
    def compared(self) -> list[Point]:
        """The sizes at which both answers have a time (yours possibly a floor)."""
        return [p for p in self.points if p.yours_s is not None and p.reference_s is not None]

    @property
    def largest(self) -> Point | None:
        return self.compared[-1] if self.compared else None

    def exponents(self) -> tuple[float | None, float | None]:
        """(yours, the reference's): the growth between the two largest sizes both reached."""
        both = self.compared
        if len(both) < 2:
            return None, None
        a, b = both[-2], both[-1]
        return _exponent(a.rows, a.yours_s, b.rows, b.yours_s), _exponent(
            a.rows, a.reference_s, b.rows, b.reference_s)

    def growth_compared(self) -> bool:
        """Are your times at the two largest sizes big enough for their growth to mean something?"""
        both = self.compared[-2:]
        return len(both) == 2 and all(p.yours_s >= MIN_TIMED_S for p in both)

    def reasons(self) -> list[str]:
        """The thresholds crossed, in words with their numbers ([] when it is not slower)."""
        top = self.largest
        if top is None:
            return []
        found = []
        if top.yours_over or (top.ratio is not None and top.ratio >= SLOWER_RATIO):
            at_least = "at least " if top.yours_over else ""
            found.append(f"{at_least}{_times(top.ratio)} slower than the reference at {size(top)}")
        yours, reference = self.exponents()
        if (self.growth_compared() and yours is not None and reference is not None
                and yours >= reference + EXPONENT_MARGIN):
            at_least = "at least " if top.yours_over else ""
            found.append(f"growing as {at_least}n^{yours:.2f} (the reference n^{reference:.2f})")
        memory = top.memory_ratio
        if memory is not None and memory >= MEMORY_RATIO and top.yours_peak >= MIN_PEAK_BYTES:
            found.append(f"{memory:.1f}x the reference's peak memory ({megabytes(top.yours_peak)} "
                         f"against {megabytes(top.reference_peak)})")
        return found

    @property
    def flagged(self) -> bool:
        return bool(self.reasons())

    # --- what the learner reads -------------------------------------------------------------
    def headline(self) -> str:
        """The one line on top."""
        if self.skipped:
            return f"Speed ({self.half}): not measured: {self.skipped}"
        top = self.largest
        if top is None:
            return f"Speed ({self.half}): not measured: {self.stopped or 'no size fitted the budget'}"
        reasons = self.reasons()
        if reasons:
            why = f": {self.findings[0].what} (see {self.findings[0].where})" if self.findings else ""
            return f"Speed ({self.half}): solved, but {' and '.join(reasons)}{why}"
        yours, reference = self.exponents()
        growth = (f", growing as n^{yours:.2f} (the reference n^{reference:.2f})"
                  if yours is not None and reference is not None else "")
        word = "faster than" if top.ratio is not None and top.ratio < 1 / 1.5 else "as fast as"
        return (f"Speed ({self.half}): {word} the reference: {_times(top.ratio)} its time at "
                f"{size(top)}{growth}")

    def renderables(self) -> list[RenderableType]:
        style = "bold yellow" if self.flagged else "bold green"
        shown: list[RenderableType] = [Text(self.headline(), style=style if not self.skipped else "dim")]
        if self.skipped:
            return shown
        if self.compared:
            shown.append(self.table())
        notes = [f"time: {self.clock}"]
        if self.memory:
            notes.append(f"memory: {self.memory}")
        if self.stopped:
            notes.append(self.stopped)
        shown.append(Text("\n".join(f"  {note}" for note in notes), style="dim"))
        shown += self.extra
        if self.findings:
            lines = Text("What differs, and where the lesson explains it:\n", style="bold")
            for finding in self.findings:
                lines.append(f"  • {finding.what}\n    ", style="")
                lines.append(f"→ {finding.where}\n", style="cyan")
            shown.append(lines)
        shown.append(Text(
            f"Slower means: {SLOWER_RATIO:g}x the reference's time at the largest size, a growth "
            f"exponent {EXPONENT_MARGIN:g} above its own (where yours took {MIN_TIMED_S * 1e3:g} ms "
            f"or more), or {MEMORY_RATIO:g}x its peak memory ({HERE}). Budget {self.budget_s:g} s, "
            f"used {self.spent_s:.1f} s. Information only: it never changes the verdict; "
            "PERF=0 (or --no-perf) turns it off.", style="dim"))
        return shown

    def table(self) -> Table:
        memory = any(p.yours_peak is not None or p.reference_peak is not None for p in self.points)
        table = Table(box=None, padding=(0, 2), show_edge=False)
        for header in ("size", "yours", "reference", "yours / reference"):
            table.add_column(header, justify="left" if header == "size" else "right")
        if memory:
            table.add_column("peak, yours", justify="right")
            table.add_column("peak, reference", justify="right")
        for point in self.points:
            over = ">" if point.yours_over else ""
            cells = [size(point), over + seconds(point.yours_s), seconds(point.reference_s),
                     "-" if point.ratio is None else over + _times(point.ratio)]
            if memory:
                cells += [megabytes(point.yours_peak), megabytes(point.reference_peak)]
            table.add_row(*cells)
        yours, reference = self.exponents()
        if yours is not None and reference is not None:
            note = "" if self.growth_compared() else "(yours too fast to compare)"
            table.add_row("growth", f"n^{yours:.2f}", f"n^{reference:.2f}", note)
        return table

    def show(self, console: Console) -> None:
        console.print(Group(*self.renderables()))


# --- the ladder ---------------------------------------------------------------------------------
def climb(sizes, budget_s: float, measure: Callable[[int, float], Point], report: Report) -> None:
    """Measure at each size while the budget lasts; stop before a size that would overrun it.

    measure(rows, seconds_left) returns the Point. The next size's cost is guessed from the last
    one's, grown by the size ratio to the power of the steepest growth seen (at least 1).
    """
    start = time.monotonic()
    last_cost = None
    for index, rows in enumerate(sizes):
        spent = time.monotonic() - start
        if last_cost is not None:
            steepest = max([1.0, *(e for e in report.exponents() if e is not None)])
            guess = last_cost * (rows / sizes[index - 1]) ** steepest
            if spent + guess > budget_s:
                report.stopped = (f"stopped before {size_words(rows)} rows: they would take about "
                                  f"{guess:.0f} s more, past the {budget_s:g} s budget")
                break
        began = time.monotonic()
        point = measure(rows, budget_s - spent)
        last_cost = time.monotonic() - began
        report.points.append(point)
        if point.yours_over or point.yours_s is None or point.reference_s is None:
            if point.yours_over:
                report.stopped = (f"yours ran past what was left of the budget at "
                                  f"{size_words(rows)} rows and was stopped there")
            break
    report.spent_s = time.monotonic() - start


class Overran(Exception):
    """Your run went past what was left of the budget (the measuring function says so)."""


def best_of_pairs(reference: Callable[[], float], yours: Callable[[], float], left: Callable[[], float],
                  most: int = 3, enough_s: float = 0.5) -> tuple[float, float | None, bool]:
    """(reference's best, yours' best, yours overran): runs taken in turns, the order swapped
    each round so that neither always pays for a cold first run; fewer rounds when they are long.
    Each callable returns the seconds of one run; yours raises Overran (with the seconds as its
    argument) when it was stopped."""
    best_reference = best_yours = math.inf
    total = 0.0
    for round_ in range(most):
        order = (reference, yours) if round_ % 2 == 0 else (yours, reference)
        for run in order:
            try:
                took = run()
            except Overran as stop:
                return best_reference, float(stop.args[0]), True
            if run is reference:
                best_reference = min(best_reference, took)
            else:
                best_yours = min(best_yours, took)
            total += took
        if total >= enough_s or total * 2 > left():
            break
    return best_reference, best_yours, False


# --- words and numbers ------------------------------------------------------------------------
def _exponent(rows_a: int, s_a: float, rows_b: int, s_b: float) -> float | None:
    from chapters.sqlkit.bench import growth_exponent

    value = growth_exponent(rows_a, s_a, rows_b, s_b)
    return None if value != value else value


def size_words(rows: int) -> str:
    """10^4 for a power of ten, else 3,000."""
    power = round(math.log10(rows)) if rows > 0 else 0
    return f"10^{power}" if rows > 0 and 10**power == rows else f"{rows:,}"


def size(point: Point) -> str:
    return point.label or f"{size_words(point.rows)} rows"


def seconds(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1e3:.3g} ms" if value >= 1e-4 else f"{value * 1e6:.3g} µs"


def megabytes(value: int | None) -> str:
    if value is None:
        return "-"
    return f"{value / 2**20:.1f} MB" if value >= 2**20 else f"{value / 2**10:.0f} kB"


def _times(ratio: float | None) -> str:
    if ratio is None:
        return "-"
    return f"{ratio:.0f}x" if ratio >= 10 else f"{ratio:.1f}x"


def lesson_link(path: str, heading: str) -> str:
    """path#anchor for a "## heading" of a Markdown file, as GitHub spells the anchor."""
    anchor = "".join(c for c in heading.lower() if c.isalnum() or c in " -_").replace(" ", "-")
    return f"{path}#{anchor}"


# --- the entry point ------------------------------------------------------------------------------
def report_for(exercise, language: str, folder, budget_s: float = BUDGET_S,
               sizes=SIZES) -> Report | None:
    """The report on one solved half, or None for an exercise whose speed is not the point."""
    if language == "sql":
        from chapters.practice.speed_sql import measure_sql

        return measure_sql(exercise, folder / exercise.files()["sql"], budget_s, sizes)
    if language == "python" and hasattr(exercise, "exercise"):  # an SQL chapter's pandas half
        from chapters.practice.speed_pandas import measure_pandas

        return measure_pandas(exercise, folder / exercise.files()["python"], budget_s, sizes)
    if language == "python" and getattr(exercise, "perf", None) is not None:
        from chapters.practice.speed_torch import measure_torch

        return measure_torch(exercise, folder / exercise.files()["python"], budget_s)
    return None  # the C++ exercise prints its own speed table; the others are about correctness


def show(console: Console, exercise, language: str, folder, budget_s: float = BUDGET_S) -> None:
    """Measure and print the report after a pass; its own failure is said, never raised."""
    try:
        with console.status(f"measuring the speed of your answer (at most about {budget_s:g} s; "
                            "PERF=0 turns this off) ..."):
            report = report_for(exercise, language, folder, budget_s)
    except Exception as error:  # the report is extra: a verdict is never lost to it
        console.print(Text(f"Speed: the report failed ({type(error).__name__}: {error}); the "
                           "verdict above stands.", style="dim"))
        return
    if report is not None:
        report.show(console)
