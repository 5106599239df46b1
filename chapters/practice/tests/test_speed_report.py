"""The speed report after a pass, on the real server: a slow but correct answer is flagged with
why (the plan, the growth, the memory), the reference and a second fast answer are not, and the
report keeps to its budget. Every assertion is on a ratio, an exponent or a plan, never on an
absolute time; the sizes and budgets are small so that the file stays short."""

import re
from pathlib import Path

import pytest

from chapters import HERE
from chapters.practice import catalog, speed, speed_sql
from chapters.practice.__main__ import main
from chapters.practice.workspace import Workspace

ROOT = HERE.parent
DEPARTMENTS = catalog.find("184")
CUSTOMERS = catalog.find("183")
DISTANCES = catalog.find("ch01_pairwise_sq_dists_matmul")
SQL_SIZES = (1_000, 10_000)
PANDAS_SIZES = (1_000, 4_000)

# 184 answered with a subquery run again for every employee, where the reference joins a
# grouped derived table once.
CORRELATED = """SELECT d.name AS Department, e.name AS Employee, e.salary AS Salary
FROM Employee AS e JOIN Department AS d ON d.id = e.departmentId
WHERE e.salary = (SELECT MAX(e2.salary) FROM Employee AS e2
                  WHERE e2.departmentId = e.departmentId);
"""
# The same question with the grouped maxima computed once (a materialized IN subquery).
GROUPED_IN = """SELECT d.name AS Department, e.name AS Employee, e.salary AS Salary
FROM Employee AS e JOIN Department AS d ON d.id = e.departmentId
WHERE (e.departmentId, e.salary) IN
      (SELECT departmentId, MAX(salary) FROM Employee GROUP BY departmentId);
"""
# 183 by looking each customer up in a Python list of every order: n * m comparisons.
QUADRATIC = '''import pandas as pd


def customers_who_never_order(customers, orders):
    placed = orders["customerId"].dropna().astype(int).tolist()
    names = [name for i, name in zip(customers["id"], customers["name"]) if i not in placed]
    return pd.DataFrame({"Customers": pd.Series(names, dtype=customers["name"].dtype)})
'''
# 183 with numpy's isin: as fast as the reference's Series.isin.
NUMPY_ISIN = '''import numpy as np


def customers_who_never_order(customers, orders):
    keep = ~np.isin(customers["id"].to_numpy(), orders["customerId"].dropna().to_numpy())
    return customers.loc[keep, ["name"]].rename(columns={"name": "Customers"})
'''


def reference_py(exercise) -> str:
    solve = exercise.exercise.solve
    return f"from {solve.__module__} import {solve.__name__} as {exercise.slug}\n"


def solved(tmp_path: Path, exercise, language: str, text: str) -> Path:
    """The learner's folder holding `text`, which the judge passes (the report is for passes)."""
    workspace = Workspace(tmp_path)
    workspace.start(exercise)
    folder = workspace.folder(exercise)
    (folder / exercise.files()[language]).write_text(text)
    verdict = exercise.judge(language, folder, 10)
    assert verdict.solved, verdict.headline
    return folder


def headings(path: Path) -> set[str]:
    return {line[3:].strip() for line in path.read_text().splitlines() if line.startswith("## ")}


def test_every_lesson_link_names_a_section_that_exists():
    lesson = ROOT / speed_sql.LESSON
    for heading in (speed_sql.CLOCKS, speed_sql.PLANS, speed_sql.INDEXES, speed_sql.GROWTH):
        assert heading in headings(lesson), heading
        link = speed.lesson_link(speed_sql.LESSON, heading)
        assert re.fullmatch(r"chapters/ch06_filtering/query_plans\.md#[0-9a-z-]+", link), link


def test_a_correlated_subquery_is_flagged_with_its_plan_difference_and_the_lesson(tmp_path, mysql_available):
    folder = solved(tmp_path, DEPARTMENTS, "sql", CORRELATED)
    report = speed.report_for(DEPARTMENTS, "sql", folder, budget_s=8, sizes=SQL_SIZES)
    assert report.flagged, report.headline()
    top = report.largest
    assert top.rows == SQL_SIZES[-1] and top.ratio >= speed.SLOWER_RATIO, report.headline()
    yours, reference = report.exponents()
    assert yours > reference, (yours, reference)
    first = report.findings[0]
    assert "dependent subquery" in first.what
    assert first.where == speed.lesson_link(speed_sql.LESSON, speed_sql.PLANS)
    assert any("rows" in f.what and "optimizer" in f.what for f in report.findings)
    line = report.headline()
    assert line.startswith("Speed (SQL): solved, but ") and "slower than the reference" in line
    assert "dependent subquery" in line and first.where in line


@pytest.mark.parametrize("answer", ["reference", "grouped IN"])
def test_the_reference_and_a_second_fast_sql_answer_are_not_flagged(tmp_path, answer, mysql_available):
    text = DEPARTMENTS.exercise.solution_sql if answer == "reference" else GROUPED_IN
    folder = solved(tmp_path, DEPARTMENTS, "sql", text)
    report = speed.report_for(DEPARTMENTS, "sql", folder, budget_s=8, sizes=SQL_SIZES)
    assert [p.rows for p in report.compared] == list(SQL_SIZES), report.stopped
    assert not report.flagged, report.headline()
    assert report.largest.ratio < speed.SLOWER_RATIO
    assert not any("dependent" in f.what for f in report.findings)
    assert "as fast as the reference" in report.headline() or "faster than" in report.headline()


def test_an_exercise_read_by_the_judges_own_query_is_skipped_with_the_reason(tmp_path, mysql_available):
    exercise = catalog.find("177")
    workspace = Workspace(tmp_path)
    workspace.start(exercise)
    report = speed.report_for(exercise, "sql", workspace.folder(exercise), budget_s=5)
    assert report.skipped and "query" in report.skipped and not report.points


def test_a_quadratic_pandas_answer_is_flagged_with_its_growth(tmp_path):
    folder = solved(tmp_path, CUSTOMERS, "python", QUADRATIC)
    report = speed.report_for(CUSTOMERS, "python", folder, budget_s=8, sizes=PANDAS_SIZES)
    assert report.flagged, report.headline()
    assert len(report.compared) == 2, report.stopped
    yours, reference = report.exponents()
    assert yours >= reference + 0.5, (yours, reference)
    assert report.largest.ratio >= speed.SLOWER_RATIO
    first = report.compared[0]  # traced where it fits the budget: at least the smallest size
    assert first.yours_peak is not None and first.reference_peak is not None
    assert "slower than the reference" in report.headline()


@pytest.mark.parametrize("answer", ["reference", "numpy isin"])
def test_the_reference_and_a_second_fast_pandas_answer_are_not_flagged(tmp_path, answer):
    text = reference_py(CUSTOMERS) if answer == "reference" else NUMPY_ISIN
    folder = solved(tmp_path, CUSTOMERS, "python", text)
    report = speed.report_for(CUSTOMERS, "python", folder, budget_s=8)
    assert [p.rows for p in report.compared] == list(speed.SIZES), report.stopped
    assert not report.flagged, report.headline()


def test_the_report_keeps_to_its_budget(tmp_path):
    folder = solved(tmp_path, CUSTOMERS, "python", QUADRATIC)
    budget = 2.0
    report = speed.report_for(CUSTOMERS, "python", folder, budget_s=budget)
    assert report.spent_s <= budget + 1.0, report.spent_s  # a run past it is stopped, then killed
    assert len(report.points) < len(speed.SIZES) or report.points[-1].yours_over
    assert report.stopped and "budget" in report.stopped
    assert f"Budget {budget:g} s" in str(report.renderables()[-1])


def test_the_sql_report_keeps_to_its_budget(tmp_path, mysql_available):
    folder = solved(tmp_path, DEPARTMENTS, "sql", CORRELATED)
    budget = 2.0
    report = speed.report_for(DEPARTMENTS, "sql", folder, budget_s=budget)
    assert report.spent_s <= budget + 1.0, report.spent_s
    assert report.stopped and "budget" in report.stopped


def test_the_pairwise_distances_report_shows_the_memory_the_broadcast_needs(tmp_path):
    workspace = Workspace(tmp_path)
    workspace.start(DISTANCES)
    folder = workspace.folder(DISTANCES)
    (folder / "solution.py").write_text(
        "from chapters.ch01_tensors.solutions import pairwise_sq_dists_matmul\n")
    report = speed.report_for(DISTANCES, "python", folder)
    assert not report.flagged, report.headline()
    (point,) = report.points
    assert point.ratio < speed.SLOWER_RATIO
    broadcast = next(value for name, value in report.answers.items() if "broadcasting" in name)
    # the (n, m, d) tensor of differences: d = 64 times the (n, m) answer, and its square
    assert broadcast["peak"] >= 10 * point.reference_peak, (broadcast, point)
    assert broadcast["seconds"] >= speed.SLOWER_RATIO * point.reference_s, (broadcast, point)


def test_the_report_runs_after_a_pass_on_the_command_line_only_and_never_fails_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PRACTICE_DIR", str(tmp_path))
    exercise = catalog.find("ch01_one_hot")
    Workspace(tmp_path).start(exercise)
    (tmp_path / exercise.slug / "solution.py").write_text(
        f"from {exercise.reference.__module__} import {exercise.reference.__name__} as {exercise.name}\n")
    calls = []

    def broken(*args, **kwargs):
        calls.append(args[1])
        raise RuntimeError("the report broke")

    monkeypatch.setattr(speed, "report_for", broken)
    assert exercise.judge("python", tmp_path / exercise.slug, 5).solved and not calls
    assert main(["check", exercise.slug, "--examples", "5", "--no-perf"]) == 0 and not calls
    assert main(["check", exercise.slug, "--examples", "5", "--perf"]) == 0  # a failed report
    assert calls == ["python"]
    monkeypatch.delenv("PRACTICE_PERF")  # the default: on
    assert main(["check", exercise.slug, "--examples", "5"]) == 0 and len(calls) == 2
