"""The SQL half's speed report: your script and the reference on the exercise's generated tables
at growing sizes, on the server's own clock, as the practice user with the judge's limits; then
the two plans at the largest size, and what differs between them in words."""

from __future__ import annotations

import re
import time
from dataclasses import replace

import numpy as np
import pandas as pd
from rich.columns import Columns
from rich.table import Table

from chapters.practice.speed import (
    Finding,
    Overran,
    Point,
    Report,
    best_of_pairs,
    climb,
    lesson_link,
)
from chapters.sqlkit import db

LESSON = "chapters/ch06_filtering/query_plans.md"
CLOCKS = "1. Three clocks, not one"
PLANS = "2. Reading a plan"
INDEXES = "3. What a DBA changes"
GROWTH = "6. Every exercise, and how each grows"
ROWS_RATIO = 10.0  # the optimizer's estimate of rows read: a difference worth naming
SEED = 0
# Rows and text a query may return here: the judge's 10,000 rows are for a check's small inputs.
MAX_ROWS, MAX_BYTES = 2_000_000, 512 * 2**20
_READS_ONLY = re.compile(r"^\s*(SELECT|WITH|SET|\()", re.IGNORECASE)
_EXPLAINABLE = re.compile(r"^\s*(SELECT|WITH|\()", re.IGNORECASE)


def measure_sql(practice, path, budget_s: float, sizes) -> Report:
    """The report on solution.sql (a solved one) for an SqlPractice exercise."""
    from chapters.practice.sql_exercise import read_script

    ex = practice.exercise
    clock = ("the server's clock (SHOW PROFILES): every statement of the script, sending its "
             "rows included; the best of up to 3 runs each, taken in turns. Both scripts ran as the practice user, "
             "with the judge's watchdog")
    report = Report("SQL", clock, budget_s=budget_s)
    if ex.result_sql is not None:
        report.skipped = ("the judge reads this exercise's answer with its own query after your "
                          "script (a function to call, a table it changed): there is no one "
                          "query of yours to time")
        return report
    if ex.generate is None:
        report.skipped = "this exercise has no generator of big tables"
        return report
    yours = db.split_statements(read_script(path))
    reference = db.split_statements(ex.solution_sql)
    from chapters.sqlkit.bench import bulk_insert
    from chapters.sqlkit.sandbox import LearnerSqlError, Limits, Sandbox

    def load(box, frames) -> None:
        box.fill_learner(ex, frames, insert=bulk_insert)

    limits = Limits(statement_s=budget_s, script_s=budget_s, max_rows=MAX_ROWS, max_bytes=MAX_BYTES)
    report_start = time.monotonic()

    def left() -> float:
        return budget_s - (time.monotonic() - report_start)

    try:
        with Sandbox(limits) as box:
            wall = [False]  # set when the server kept no profile: the wall clock was read instead

            def timed(statements, frames) -> float:
                if not all(_READS_ONLY.match(s) for s in statements):
                    load(box, frames)  # a script that changes tables finds them as they were
                most = max(left(), 0.5)
                box.limits = replace(limits, statement_s=most, script_s=most)
                start = time.perf_counter()
                profiles = box.run_learner(["SET SESSION profiling_history_size = 100",
                                            "SET SESSION profiling = 1", *statements,
                                            "SHOW PROFILES"])
                took = time.perf_counter() - start
                if profiles is None or profiles.empty:
                    wall[0] = True
                    return took
                return float(pd.to_numeric(profiles.iloc[:, 1]).sum())

            def yours_run(frames) -> float:
                try:
                    return timed(yours, frames)
                except LearnerSqlError as error:
                    if error.timed_out:
                        raise Overran(box.limits.statement_s) from None
                    raise

            def measure(rows: int, _left_s: float) -> Point:
                frames = ex.generate(rows, np.random.default_rng(SEED))
                load(box, frames)
                point = Point(rows, None, None)
                try:
                    point.reference_s, point.yours_s, point.yours_over = best_of_pairs(
                        lambda: timed(reference, frames), lambda: yours_run(frames), left)
                except LearnerSqlError as error:
                    report.stopped = f"your script failed at {rows:,} rows: {error}"
                return point

            climb(sizes, budget_s, measure, report)
            if wall[0]:
                report.clock = report.clock.replace("the server's clock (SHOW PROFILES)",
                                                    "the wall clock (the server kept no profile)")
            if report.compared:
                yours_plan = _plan(box, yours)
                reference_plan = _plan(box, reference)
                top = report.compared[-1]
                report.extra.append(Columns([
                    _plan_table(yours_plan, f"your plan at {top.rows:,} rows"),
                    _plan_table(reference_plan, f"the reference's plan at {top.rows:,} rows")]))
                report.findings = plan_findings(yours_plan, reference_plan)
            report.spent_s = time.monotonic() - report_start
    except db.ServerUnavailable as error:
        report.skipped = f"no server: {error}"
    if report.flagged and not report.findings and len(report.compared) >= 2:
        report.findings.append(Finding(
            "the plans read the same way: the difference is in how much work each step does as "
            "the tables grow", lesson_link(LESSON, GROWTH)))
    return report


# --- plans ------------------------------------------------------------------------------------
def _plan(box, statements: list[str]) -> pd.DataFrame | None:
    """EXPLAIN of the script's last statement, after the statements before it, as the learner."""
    *setup, last = statements
    if not _EXPLAINABLE.match(last):
        return None
    from chapters.sqlkit.sandbox import LearnerSqlError

    try:
        plan = box.run_learner([*setup, "EXPLAIN " + last])
    except LearnerSqlError:
        return None
    if plan is None:
        return None
    plan.columns = [str(c).lower() for c in plan.columns]
    return plan


def _cell(row, column: str) -> str:
    value = row.get(column)
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _plan_table(plan: pd.DataFrame | None, title: str) -> Table:
    table = Table(title=title, title_justify="left", padding=(0, 1))
    columns = ("id", "select_type", "table", "type", "key", "rows", "extra")
    for column in columns:
        table.add_column(column, justify="right" if column in ("id", "rows") else "left")
    if plan is None:
        table.add_row("", "(no plan: the last statement is not a SELECT)", *[""] * 5)
        return table
    for _, row in plan.iterrows():
        table.add_row(*(_cell(row, c) for c in columns))
    return table


def estimated_reads(plan: pd.DataFrame | None) -> float:
    """The optimizer's estimate of rows read: each SELECT's tables as nested loops (each row of
    one table looks up `rows` rows of the next), and a dependent subquery once per outer row."""
    if plan is None or plan.empty:
        return 0.0
    total, outer = 0.0, 1.0
    for select_id, steps in plan.groupby(plan["id"].map(lambda v: str(v)), sort=False):
        product, reads = 1.0, 0.0
        for _, step in steps.iterrows():
            product *= max(_number(step.get("rows")), 1.0)
            reads += product
        dependent = steps["select_type"].astype(str).str.startswith("DEPENDENT").any()
        if select_id == str(plan["id"].iloc[0]):
            outer = product
        total += reads * (outer if dependent else 1.0)
    return total


def _number(value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 1.0
    return 1.0 if number != number else number


def _steps(plan: pd.DataFrame | None) -> list[dict]:
    if plan is None:
        return []
    return [{c: _cell(row, c) for c in ("select_type", "table", "type", "key", "extra")}
            for _, row in plan.iterrows()]


def plan_findings(yours: pd.DataFrame | None, reference: pd.DataFrame | None) -> list[Finding]:
    """What your plan does that the reference's does not, most costly first, each with the
    section of the query-plans lesson that explains it."""
    mine, theirs = _steps(yours), _steps(reference)
    if not mine or not theirs:
        return []
    found = []

    def tables(steps, test) -> list[str]:
        return [s["table"] for s in steps if test(s)]

    dependent = tables(mine, lambda s: s["select_type"].startswith("DEPENDENT"))
    if len(dependent) > len(tables(theirs, lambda s: s["select_type"].startswith("DEPENDENT"))):
        found.append(Finding(
            f"a dependent subquery (on {', '.join(dependent)}): the server runs it again for "
            "every row of the outer query, where the reference runs "
            + ("fewer" if tables(theirs, lambda s: s["select_type"].startswith("DEPENDENT"))
               else "none"), lesson_link(LESSON, PLANS)))
    for words, mark in (("checks a range for each row (\"Range checked for each record\")",
                         "Range checked"),
                        ("joins without an index to look rows up (\"Using join buffer\"): every "
                         "row of one side against every row of the other", "Using join buffer")):
        if tables(mine, lambda s, m=mark: m in s["extra"]) and not tables(
                theirs, lambda s, m=mark: m in s["extra"]):
            found.append(Finding(f"it {words}", lesson_link(LESSON, PLANS)))
    scans = tables(mine, lambda s: s["type"] == "ALL")
    their_scans = tables(theirs, lambda s: s["type"] == "ALL")
    indexed = tables(theirs, lambda s: s["type"] in ("ref", "eq_ref", "range", "index_merge",
                                                     "const", "ref_or_null"))
    if len(scans) > len(their_scans):
        how = (" where the reference reads an index (" + ", ".join(
            f"{s['type']} on {s['key']}" for s in theirs if s["table"] in indexed) + ")"
               if indexed else f" against the reference's {len(their_scans)}")
        found.append(Finding(f"{len(scans)} full table scans (type ALL: {', '.join(scans)}){how}",
                             lesson_link(LESSON, INDEXES)))
    for mark, words in (("Using temporary", "a temporary table"), ("Using filesort", "a sort (filesort)")):
        if tables(mine, lambda s, m=mark: m in s["extra"]) and not tables(
                theirs, lambda s, m=mark: m in s["extra"]):
            found.append(Finding(f"{words} (\"{mark}\") that the reference avoids",
                                 lesson_link(LESSON, PLANS)))
    reads, their_reads = estimated_reads(yours), estimated_reads(reference)
    if their_reads and reads >= ROWS_RATIO * their_reads:
        found.append(Finding(
            f"the optimizer expects to read about {reads:,.0f} rows, the reference about "
            f"{their_reads:,.0f} ({reads / their_reads:,.0f}x)", lesson_link(LESSON, PLANS)))
    return found
