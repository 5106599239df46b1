"""Each chapter 11 exercise: pandas and SQL on the example tables give the hand-written output."""

import pytest

from chapters.sqlkit import by_chapter
from chapters.sqlkit.testing import check_example_pandas, check_example_sql

EXERCISES = by_chapter(11)


def test_the_chapter_has_its_five_exercises():
    assert [e.number for e in EXERCISES] == [1050, 1378, 1280, 570, 607]


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_pandas_gives_the_expected_output(exercise):
    check_example_pandas(exercise)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_sql_gives_the_expected_output(exercise, module_db):
    check_example_sql(exercise, module_db)
