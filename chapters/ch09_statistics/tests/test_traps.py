"""Every trap the chapter 9 lesson names, proven on the real server (and in pandas)."""

import doctest
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from chapters.ch09_statistics import categories, counting, rounding, sums
from chapters.ch09_statistics.categories import count_with_zeros
from chapters.ch09_statistics.counting import counts, counts_sql
from chapters.ch09_statistics.rounding import percentage_half_up, round_half_up
from chapters.ch09_statistics.sums import sum_like_sql
from chapters.sqlkit import db, get
from chapters.sqlkit.frames import assert_frames_match
from chapters.sqlkit.testing import make_table


def one_row(conn, sql):
    cursor = db.execute_raw(conn, sql)
    row = cursor.fetchone()
    cursor.close()
    return tuple(row)


PEOPLE = {"id": "INT", "name": "VARCHAR(20)", "income": "INT"}
ROWS = [(1, "Ann", 10), (2, "ann", 10), (3, "Bo", None), (4, None, 30), (5, "Bo", 20)]


def people_frame():
    return pd.DataFrame(ROWS, columns=list(PEOPLE)).astype({"income": "Int64"})


@pytest.mark.parametrize("module", [categories, counting, rounding, sums])
def test_the_modules_docstring_examples(module):
    assert doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0


# --- counting --------------------------------------------------------------------------------
def test_count_star_col_distinct_match_size_count_nunique(module_db):
    with module_db.begin() as conn:
        make_table(conn, "People", PEOPLE, ROWS)
        from_sql = db.query_frame(conn, counts_sql("People", "income"))
    assert counts(people_frame()["income"]) == {"size": 5, "count": 4, "nunique": 3}
    assert_frames_match(from_sql, pd.DataFrame([counts(people_frame()["income"])]))


def test_count_distinct_follows_the_collation_nunique_does_not(module_db):
    with module_db.begin() as conn:
        make_table(conn, "People", PEOPLE, ROWS)
        (names,) = one_row(conn, "SELECT COUNT(DISTINCT name) FROM People")
    assert names == 2  # 'Ann' = 'ann' under utf8mb4_unicode_ci; NULL not counted
    assert people_frame()["name"].nunique() == 3
    assert people_frame()["name"].str.casefold().nunique() == 2


# --- the average of a condition ---------------------------------------------------------------
def test_avg_of_a_condition_skips_null_like_int64_not_like_float(module_db):
    with module_db.begin() as conn:
        make_table(conn, "People", PEOPLE, ROWS)
        (share,) = one_row(conn, "SELECT AVG(income >= 20) FROM People")
    assert float(share) == 0.5  # 2 of the 4 known incomes
    income = people_frame()["income"]
    assert float((income >= 20).mean()) == 0.5
    assert float((income.astype("float64") >= 20).mean()) == 0.4  # NaN >= 20 is False: 2 of 5


def test_avg_of_integers_is_a_decimal_with_four_more_places(module_db):
    exercise = get("immediate_food_delivery")
    with module_db.begin() as conn:
        exercise.load_examples(conn)
        (share,) = one_row(conn, "SELECT AVG(order_date = customer_pref_delivery_date) FROM Delivery")
    assert str(share) == "0.1563"  # 5/32 = 0.15625, rounded half up at 4 places


# --- rounding --------------------------------------------------------------------------------
def test_round_is_half_away_from_zero_on_the_server_half_even_in_pandas(module_db):
    with module_db.begin() as conn:
        from_sql = one_row(conn, "SELECT ROUND(3.125, 2), ROUND(2.5), ROUND(-2.5), ROUND(0.5)")
    assert [float(v) for v in from_sql] == [3.13, 3.0, -3.0, 1.0]
    assert pd.Series([2.5, -2.5, 0.5]).round().tolist() == [2.0, -2.0, 0.0]
    assert np.round(3.125, 2) == 3.12 and round(3.125, 2) == 3.12
    assert [float(round_half_up(v, p)) for v, p in [(3.125, 2), (2.5, 0), (-2.5, 0)]] == [
        3.13,
        3.0,
        -3.0,
    ]


def test_naive_rounding_fails_the_1173_example_and_the_solution_does_not():
    exercise = get("immediate_food_delivery")
    delivery = exercise.example_frames()["Delivery"]
    share = (delivery["order_date"] == delivery["customer_pref_delivery_date"]).mean()
    assert round(100 * share, 2) == 15.62  # what the obvious pandas answer gives
    assert exercise.expected()["immediate_percentage"].tolist() == [15.63]  # what MySQL gives
    assert exercise.run_pandas({"Delivery": delivery})["immediate_percentage"].tolist() == [15.63]


def test_percentage_half_up_matches_round_on_the_server_for_every_small_fraction(module_db):
    pairs = [(k, n) for n in range(1, 41) for k in range(n + 1)]
    # k / n first, as AVG does: a DECIMAL rounded at 4 places, times 100, then ROUND(..., 2).
    selects = " UNION ALL ".join(f"SELECT {k}, {n}, ROUND(100 * ({k} / {n}), 2)" for k, n in pairs)
    with module_db.begin() as conn:
        rows = db.query_frame(conn, selects).to_numpy().tolist()
    ours = [percentage_half_up(k, n) for k, n in pairs]
    assert [float(r[2]) for r in rows] == ours
    assert any(round(100 * k / n, 2) != value for (k, n), value in zip(pairs, ours, strict=True))


def test_a_binary_float_is_not_the_decimal_you_wrote(module_db):
    with module_db.begin() as conn:
        (exact,) = one_row(conn, "SELECT ROUND(2.675, 2)")
    assert float(exact) == 2.68
    assert round(2.675, 2) == 2.67
    assert str(round_half_up(2.675)) == "2.68"


# --- categories with a count of 0 -------------------------------------------------------------
def test_group_by_and_value_counts_drop_empty_categories_reindex_keeps_them(module_db):
    exercise = get("count_salary_categories")
    with module_db.begin() as conn:
        exercise.load_examples(conn)
        grouped = db.query_frame(
            conn,
            "SELECT CASE WHEN income < 20000 THEN 'Low' WHEN income <= 50000 THEN 'Average' "
            "ELSE 'High' END AS c, COUNT(*) AS n FROM Accounts WHERE income IS NOT NULL GROUP BY c",
        )
    assert sorted(grouped["c"]) == ["Average", "Low"]
    labels = pd.Series(["Low", "Average", "Low"])
    assert set(labels.value_counts().index) == {"Low", "Average"}
    assert count_with_zeros(labels, ["Low", "Average", "High"]).to_dict() == {
        "Low": 2,
        "Average": 1,
        "High": 0,
    }


def test_count_star_after_a_left_join_counts_the_padded_row(module_db):
    with module_db.begin() as conn:
        make_table(conn, "People", PEOPLE, ROWS)
        rows = db.query_frame(
            conn,
            "SELECT c.k, COUNT(*) AS star, COUNT(p.id) AS matched FROM "
            "(SELECT 10 AS k UNION ALL SELECT 99) AS c LEFT JOIN People AS p ON p.income = c.k "
            "GROUP BY c.k ORDER BY c.k",
        )
    assert rows.to_numpy().tolist() == [[10, 2, 2], [99, 1, 0]]


# --- SUM over no rows ---------------------------------------------------------------------------
def test_sum_of_no_rows_is_null_in_sql_and_zero_in_pandas(module_db):
    with module_db.begin() as conn:
        make_table(conn, "People", PEOPLE, ROWS)
        total, or_zero, by_count = one_row(
            conn, "SELECT SUM(income), COALESCE(SUM(income), 0), COUNT(*) FROM People WHERE id > 99"
        )
        (only_nulls,) = one_row(conn, "SELECT SUM(income) FROM People WHERE id = 3")
    assert (total, int(or_zero), by_count, only_nulls) == (None, 0, 0, None)
    empty = pd.Series([], dtype="Int64")
    assert empty.sum() == 0 and pd.isna(sum_like_sql(empty))
    assert pd.isna(sum_like_sql(pd.Series([None], dtype="Int64")))


def test_sum_of_a_condition_on_an_empty_table_is_null_so_1907_counts(module_db):
    exercise = get("count_salary_categories")
    with module_db.begin() as conn:
        make_table(conn, "Accounts", {"account_id": "INT", "income": "INT"}, [])
        (by_sum,) = one_row(conn, "SELECT SUM(income < 20000) FROM Accounts")
        answer = exercise.run_sql(conn)
    assert by_sum is None
    assert answer["accounts_count"].tolist() == [0, 0, 0]


# --- bad input -------------------------------------------------------------------------------
def test_bad_input_is_refused_with_a_clear_error():
    with pytest.raises(TypeError, match="count must be an int"):
        percentage_half_up(1.0, 3)
    with pytest.raises(ValueError, match="count <= total"):
        percentage_half_up(4, 3)
    with pytest.raises(ValueError, match="not a number"):
        round_half_up("abc")
    with pytest.raises(ValueError, match="outside the categories"):
        count_with_zeros(pd.Series(["x"]), ["a"])
    with pytest.raises(TypeError, match="Series"):
        counts([1, 2])


def test_round_on_a_double_does_not_follow_the_binary_value_on_mariadb(module_db):
    with module_db.begin() as conn:
        (value,) = one_row(conn, "SELECT ROUND(2.675e0, 2)")
        mariadb = "mariadb" in str(one_row(conn, "SELECT VERSION()")[0]).lower()
    assert Decimal(2.675) < Decimal("2.675")  # the double is just below 2.675
    if mariadb:
        assert value == 2.68  # the lesson's claim about MariaDB 10.11
    else:
        assert value in (2.67, 2.68)  # MySQL leaves it to the C library
