"""The benchmark's table generators: the declared columns and dtypes, and pandas == SQL on them."""

import numpy as np
import pytest

from chapters.sqlkit import by_chapter
from chapters.sqlkit.testing import check_pandas_equals_sql

EXERCISES = by_chapter(9)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_generated_tables_have_the_declared_columns(exercise):
    frames = exercise.generate(500, np.random.default_rng(0))
    assert list(frames) == list(exercise.tables)
    for table, dtypes in exercise.tables.items():
        assert list(frames[table].columns) == list(dtypes)
        for column, dtype in dtypes.items():
            assert str(frames[table][column].dtype) == dtype, (table, column)
    again = exercise.generate(500, np.random.default_rng(0))
    assert all(frames[t].equals(again[t]) for t in frames)  # the seed decides everything


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_pandas_equals_sql_on_generated_tables(module_db, exercise):
    check_pandas_equals_sql(exercise, module_db, exercise.generate(400, np.random.default_rng(1)))
