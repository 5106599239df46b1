"""Every exercise's benchmark generator: the declared tables, columns and dtypes, reproducible,
a non-empty answer, and pandas == SQL on what it generates."""

import numpy as np
import pandas as pd
import pytest

from chapters.sqlkit import all_exercises, bench
from chapters.sqlkit.testing import check_pandas_equals_sql

EXERCISES = all_exercises()


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_generated_tables_follow_the_schema_and_the_seed(exercise):
    frames = exercise.generate(2000, np.random.default_rng(1))
    bench.check_generated(exercise, frames)  # the exercise's tables, with its columns
    for table, dtypes in exercise.tables.items():
        for column, dtype in dtypes.items():
            got = frames[table][column].dtype
            if dtype == "object":  # text: pandas 3 may infer its own "str" dtype, also fine
                assert pd.api.types.is_string_dtype(got), (table, column, got)
            else:
                assert str(got) == dtype, (table, column)
    assert len(exercise.run_pandas(frames)) > 0, "generated data should give a real answer"
    again = exercise.generate(2000, np.random.default_rng(1))
    for table in frames:
        pd.testing.assert_frame_equal(frames[table], again[table])  # the seed decides everything


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_pandas_equals_sql_on_generated_tables(module_db, exercise):
    check_pandas_equals_sql(exercise, module_db, exercise.generate(400, np.random.default_rng(2)))
