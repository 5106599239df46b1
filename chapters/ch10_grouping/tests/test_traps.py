"""Every trap the lesson names, proven on the real server (and in pandas)."""

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from chapters.ch10_grouping import demo
from chapters.sqlkit import db, get
from chapters.sqlkit.frames import assert_frames_match, frame_differences
from common.lesson import lesson_for

LESSON = lesson_for(Path(__file__).resolve().parents[1])


@pytest.fixture(scope="module")
def sales_db(module_db):
    """The lesson's tables, made by running its SQL blocks as the walk-through does."""
    LESSON.run_sql_blocks(module_db)
    return module_db


def query(engine, sql: str) -> pd.DataFrame:
    with engine.connect() as conn:
        return db.query_frame(conn, sql)


def test_the_readme_makes_the_same_sales_as_demo(sales_db):
    assert_frames_match(demo.sales(), query(sales_db, "SELECT * FROM Sales"))


def test_a_column_outside_group_by_is_refused(sales_db):
    with pytest.raises(sa.exc.OperationalError, match="1055"):
        query(sales_db, "SELECT day, item FROM Sales GROUP BY day")


def test_functional_dependence_on_the_key_differs_between_servers(sales_db):
    version = query(sales_db, "SELECT VERSION() AS v")["v"][0]
    sql = "SELECT sale_id, item FROM Sales GROUP BY sale_id"
    if "MariaDB" in version:  # no functional-dependence detection
        with pytest.raises(sa.exc.OperationalError, match="1055"):
            query(sales_db, sql)
    else:  # MySQL 8: item depends on the primary key, so it is accepted
        assert len(query(sales_db, sql)) == 8


def test_group_by_keeps_the_null_key_and_groupby_drops_it(sales_db):
    from_sql = query(sales_db, "SELECT seller, SUM(amount) AS total FROM Sales GROUP BY seller")
    sales = demo.sales()
    dropped = sales.groupby("seller", as_index=False).agg(total=("amount", "sum"))
    kept = sales.groupby("seller", as_index=False, dropna=False).agg(total=("amount", "sum"))
    assert from_sql["seller"].isna().sum() == 1
    assert frame_differences(dropped, from_sql)  # pandas' default loses the NULL group
    assert_frames_match(kept, from_sql)


def test_sum_of_only_nulls_is_null_in_sql_and_zero_in_pandas(module_db):
    with module_db.begin() as conn:
        db.execute_raw(conn, "DROP TABLE IF EXISTS Visits").close()
        db.execute_raw(conn, "CREATE TABLE Visits (k INT, minutes INT)").close()
        db.insert_rows(conn, "Visits", ["k", "minutes"], [(1, None), (1, None), (2, 5)])
    from_sql = query(module_db, "SELECT k, SUM(minutes) AS s FROM Visits GROUP BY k ORDER BY k")
    assert from_sql["s"].tolist() == [None, 5]
    visits = pd.DataFrame({"k": [1, 1, 2], "minutes": pd.array([None, None, 5], dtype="Int64")})
    assert visits.groupby("k")["minutes"].sum().tolist() == [0, 5]
    assert visits.groupby("k")["minutes"].sum(min_count=1).isna().tolist() == [True, False]


def test_ci_collation_merges_case_and_orders_ignoring_it(sales_db):
    groups = query(sales_db, "SELECT COUNT(*) AS n FROM Sales GROUP BY item")
    assert sorted(groups["n"]) == [1, 1, 1, 2, 3]  # 'pen' and 'Pen' are one group of 3
    assert sorted(demo.sales().groupby("item").size()) == [1, 1, 1, 1, 2, 2]
    ordered = query(sales_db, "SELECT item FROM Sales WHERE sale_id IN (4, 7) ORDER BY item")
    assert ordered["item"].tolist() == ["apple", "Banana"]
    assert sorted(["apple", "Banana"]) == ["Banana", "apple"]


def known_wrong_sql(exercise, name: str) -> str:
    """The script of one of the exercise's known wrong answers (sql/ch10/<slug>/wrong/<name>.sql)."""
    return {answer.name: answer.sql for answer in exercise.wrong_answers("sql")}[name]


def test_products_by_date_without_binary_collation_differs(module_db):
    exercise = get("products_by_date")
    with module_db.begin() as conn:
        exercise.load_examples(conn)
        got = exercise.run_sql(conn, script=known_wrong_sql(exercise, "case_insensitive"))
    row = got.iloc[1]
    assert row["products"] == "apple,Banana,Ruler"  # case-insensitive order
    assert got.iloc[0]["num_sold"] == 2  # 'Pencil' and 'pencil' counted once
    assert frame_differences(got, exercise.expected(), check_order=True)


def test_group_concat_is_truncated_with_a_warning(sales_db):
    with sales_db.connect() as conn:
        db.execute_raw(conn, "SET SESSION group_concat_max_len = 8").close()
        got = db.query_frame(conn, "SELECT GROUP_CONCAT(item ORDER BY sale_id) AS s FROM Sales")
        warnings = db.query_frame(conn, "SHOW WARNINGS")
        conn.invalidate()  # do not hand the shortened limit on to the next test
    assert got["s"][0] == "pen,Pen,"
    assert 1260 in warnings["Code"].tolist()  # "Row ... was cut by GROUP_CONCAT()"


def test_limit_1_keeps_only_one_of_tied_customers(module_db):
    exercise = get("largest_orders")
    with module_db.begin() as conn:
        exercise.load_examples(conn)
        top = exercise.run_sql(conn, script=known_wrong_sql(exercise, "limit_1"))
        every = exercise.run_sql(conn)
    assert len(top) == 1 and top["customer_number"][0] in (2, 3)
    assert sorted(every["customer_number"]) == [2, 3]
    counts = exercise.example_frames()["Orders"].groupby("customer_number").size()
    assert counts.idxmax() == 2  # pandas keeps the first of the tied customers


def test_largest_orders_on_an_empty_table(module_db):
    exercise = get("largest_orders")
    empty = exercise.example_frames()["Orders"].iloc[0:0]
    assert exercise.run_pandas({"Orders": empty}).empty
    with module_db.begin() as conn:
        exercise.load_frames(conn, {"Orders": empty})
        assert exercise.run_sql(conn).empty
