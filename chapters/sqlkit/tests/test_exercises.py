"""Every SQL exercise, found by the registry: its parts, its example both ways, and pandas == SQL
on generated tables. Chapter tests keep only what is their own (lesson blocks, traps)."""

import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from chapters import package_for
from chapters.sqlkit import all_exercises
from chapters.sqlkit.csvdata import read_csv_rows
from chapters.sqlkit.testing import check_example_pandas, check_example_sql, check_pandas_equals_sql

EXERCISES = all_exercises()
each = pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
DIFFERENTIAL = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def readme_headings(chapter: int) -> set[str]:
    """The section headings of a chapter's lesson, without their #'s."""
    text = (package_readme(chapter)).read_text()
    return {line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")}


def package_readme(chapter: int):
    return EXERCISES[0].root / "chapters" / package_for(chapter) / "README.md"


@each
def test_has_all_its_parts(exercise):
    sql_files = {path.stem for path in exercise.sql_dir.glob("*.sql")}
    assert sql_files == {*exercise.inputs, "solution"}, "one DDL per input table, and solution.sql"
    csv_files = {path.stem for path in exercise.data_dir.glob("*.csv")}
    assert csv_files == {*exercise.inputs, "expected"}, "one CSV per input table, and expected.csv"
    assert exercise.statement.strip() and exercise.title
    assert len(exercise.hints) >= 2, "two or three hints, from gentle to almost the answer"
    assert exercise.solve.__name__ == exercise.slug, "the pandas function is named after the slug"
    assert exercise.wrong_answers(), "at least one known wrong answer"


@each
def test_wrong_answers_point_to_a_lesson_section(exercise):
    headings = readme_headings(exercise.chapter)
    for answer in exercise.wrong_answers():
        assert answer.trap.strip()
        assert answer.section in headings, f"{answer.name}: no section {answer.section!r}"


@each
def test_example_csvs_have_the_ddl_columns(exercise):
    for table, dtypes in exercise.tables.items():
        header, _rows = read_csv_rows(exercise.data_dir / f"{table}.csv")
        assert header == list(dtypes), table
        assert re.search(rf"^CREATE TABLE `?{table}`? \(", exercise.ddl(table), re.MULTILINE)


@each
def test_strategy_draws_the_declared_tables(exercise):
    @settings(max_examples=5, database=None, derandomize=True)
    @given(frames=exercise.strategy())
    def draws(frames):
        check_declared_tables(exercise, frames)

    draws()


def check_declared_tables(exercise, frames):
    assert set(frames) == set(exercise.inputs)
    for table, dtypes in exercise.tables.items():
        assert list(frames[table].columns) == list(dtypes), table
        for column, dtype in dtypes.items():
            got = frames[table][column].dtype
            if dtype == "object":  # text: pandas 3 may infer its own "str" dtype, also fine
                assert pd.api.types.is_string_dtype(got) or pd.api.types.is_object_dtype(got), column
            else:
                assert str(got) == dtype, (table, column, got)


@each
def test_pandas_gives_the_expected_output(exercise):
    check_example_pandas(exercise)


@each
def test_sql_gives_the_expected_output(exercise, module_db):
    check_example_sql(exercise, module_db)


@each
def test_pandas_equals_sql_on_small_generated_tables(exercise, module_db):
    @DIFFERENTIAL
    @given(frames=exercise.strategy())
    def differential(frames):
        check_pandas_equals_sql(exercise, module_db, frames)

    differential()


@each
def test_the_walk_through_never_cuts_a_code_line_at_80_columns(exercise):
    import io

    from rich.console import Console

    from chapters.sqlkit.walkthrough import side_by_side

    console = Console(width=80, record=True, file=io.StringIO())
    console.print(side_by_side(console, {"pandas": exercise.pandas_source, "MySQL": exercise.solution_sql}))
    assert "…" not in console.export_text()
