"""The chapter's traps, each asserted against the real server (and pandas where it has a side)."""

import numpy as np
import pandas as pd

from chapters.sqlkit import db, get


def scalar(engine, sql):
    """The single value a one-row, one-column query returns."""
    with engine.connect() as conn:
        return db.query_frame(conn, sql).iat[0, 0]


def column(engine, sql):
    with engine.connect() as conn:
        return db.query_frame(conn, sql).iloc[:, 0].tolist()


def test_not_in_with_a_null_in_the_list_is_never_true(module_db):
    assert scalar(module_db, "SELECT 13 NOT IN (10, 11)") == 1
    assert scalar(module_db, "SELECT 13 NOT IN (10, 11, NULL)") is None  # unknown, not true
    assert scalar(module_db, "SELECT 10 NOT IN (10, 11, NULL)") == 0  # a match still decides
    assert scalar(module_db, "SELECT 13 IN (10, 11, NULL)") is None


def test_not_in_on_the_183_example_returns_nothing_while_not_exists_works(module_db):
    exercise = get("customers_who_never_order")
    naive = (
        "SELECT name AS Customers FROM Customers WHERE id NOT IN (SELECT customerId FROM Orders)"
    )
    with module_db.begin() as conn:
        exercise.load_examples(conn)
        assert db.query_frame(conn, naive).empty  # Orders holds a NULL customerId
        assert len(exercise.run_sql(conn)) == 4
    # pandas' isin ignores the missing value, like NOT EXISTS
    assert len(exercise.run_pandas(exercise.example_frames())) == 4


def test_comparisons_with_null_are_null(module_db):
    assert scalar(module_db, "SELECT NULL = NULL") is None
    assert scalar(module_db, "SELECT NOT (NULL > 2)") is None
    assert scalar(module_db, "SELECT NULL IS NULL") == 1
    assert (
        column(module_db, "SELECT x FROM (SELECT NULL AS x UNION ALL SELECT 1) AS t WHERE x = NULL")
        == []
    )


def test_nulls_sort_first_ascending_and_last_descending_on_the_server(module_db):
    values = "(SELECT 2 AS x UNION ALL SELECT NULL UNION ALL SELECT 1) AS t"
    assert column(module_db, f"SELECT x FROM {values} ORDER BY x ASC") == [None, 1, 2]
    assert column(module_db, f"SELECT x FROM {values} ORDER BY x DESC") == [2, 1, None]
    s = pd.Series([2, None, 1], dtype="Int64")
    assert s.sort_values().tolist() == [1, 2, pd.NA]  # pandas: last in both directions
    assert s.sort_values(ascending=False).tolist() == [2, 1, pd.NA]
    assert s.sort_values(na_position="first").tolist() == [pd.NA, 1, 2]


def test_nan_is_not_null_but_int64_na_is():
    ages = pd.Series([3.0, np.nan])
    assert (~(ages > 2)).tolist() == [False, True]  # NaN > 2 is False, so NOT gives True
    nullable = pd.Series([3, None], dtype="Int64")
    assert (~(nullable > 2)).tolist() == [False, pd.NA]  # unknown stays unknown, as in SQL


def test_parentheses_are_needed_around_each_comparison():
    frame = pd.DataFrame({"species": ["dog", "cat"], "age": [3, 5]})
    try:
        frame[frame.species == "dog" & frame.age > 2]
    except TypeError:
        pass
    else:
        raise AssertionError("without parentheses the mask should not even compute")
    assert frame[(frame.species == "dog") & (frame.age > 2)].index.tolist() == [0]


def test_merge_matches_missing_keys_but_a_join_does_not(module_db):
    left = pd.DataFrame({"k": pd.array([1, None], dtype="Int64"), "a": ["one", "none"]})
    right = pd.DataFrame({"k": pd.array([1, None], dtype="Int64"), "b": ["uno", "nada"]})
    assert len(left.merge(right, on="k")) == 2  # <NA> matched <NA>
    sql = (
        "SELECT COUNT(*) FROM (SELECT 1 AS k UNION ALL SELECT NULL) AS l "
        "JOIN (SELECT 1 AS k UNION ALL SELECT NULL) AS r ON l.k = r.k"
    )
    assert scalar(module_db, sql) == 1
