"""Every trap the chapter 8 lesson names, proven on the real server (and in pandas)."""

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chapters.ch08_data_manipulation.dedupe import (
    SELF_JOIN_DELETE,
    SUBQUERY_DELETE,
    WRAPPED_DELETE,
)
from chapters.ch08_data_manipulation.ranking import rank_table, ranking_sql
from chapters.ch08_data_manipulation.server import error_code, is_mariadb
from chapters.ch08_data_manipulation.top_per_group import top_n_per_group, top_n_per_group_sql
from chapters.ch08_data_manipulation.unpivot import unpivot, unpivot_sql
from chapters.sqlkit import db, get
from chapters.sqlkit.frames import assert_frames_match
from chapters.sqlkit.testing import check_pandas_equals_sql, make_table

SYNTAX_ERROR, TARGET_TABLE_IN_FROM = 1064, 1093
README = Path(__file__).resolve().parents[1] / "README.md"


SCORE_COLUMNS = {"id": "INT", "score": "DECIMAL(3, 2)"}
SALARY_COLUMNS = {"id": "INT", "salary": "INT"}
STAFF_COLUMNS = {"id": "INT", "name": "VARCHAR(9)", "salary": "INT", "dept": "INT"}
SCORES = [(1, 4.00), (2, 3.85), (3, 4.00), (4, 3.50)]


# --- ranking ---------------------------------------------------------------------------------
def test_rank_defaults_to_average_which_sql_does_not_have():
    ranks = pd.Series([4.00, 3.85, 4.00, 3.50]).rank(ascending=False)
    assert ranks.tolist() == [1.5, 3.0, 1.5, 4.0]


def test_rank_dense_and_row_number_match_pandas_methods(module_db):
    with module_db.begin() as conn:
        make_table(conn, "Scores", SCORE_COLUMNS, SCORES)
        from_sql = db.query_frame(conn, ranking_sql("Scores", "score", "id"))
    ordered = pd.DataFrame(SCORES, columns=["id", "score"]).sort_values(
        ["score", "id"], ascending=[False, True]
    )
    from_pandas = rank_table(ordered["score"])[["value", "min", "dense", "first"]]
    assert from_sql["min"].tolist() == [1, 1, 3, 4]  # RANK leaves a gap after a tie
    assert from_sql["dense"].tolist() == [1, 1, 2, 3]  # DENSE_RANK does not
    assert from_sql["first"].tolist() == [1, 2, 3, 4]  # ROW_NUMBER breaks the tie
    assert_frames_match(from_pandas.reset_index(drop=True), from_sql, check_order=True)


def test_rank_is_reserved_on_mysql_and_backticks_work_on_both(module_db):
    with module_db.begin() as conn:
        bare = error_code(conn, "SELECT 1 AS rank")
        quoted = error_code(conn, "SELECT 1 AS `rank`")
        mariadb = is_mariadb(conn)
    assert quoted is None
    # MySQL 8.0.2 made RANK reserved (it names a window function); MariaDB 10.11 did not.
    assert bare == (None if mariadb else SYNTAX_ERROR)


def test_null_scores_rank_last_as_one_group(module_db):
    rows = [(1, 2.0), (2, None), (3, 1.0), (4, None)]
    with module_db.begin() as conn:
        make_table(conn, "Scores", SCORE_COLUMNS, rows)
        from_sql = db.query_frame(
            conn, "SELECT id, DENSE_RANK() OVER (ORDER BY score DESC) AS r FROM Scores ORDER BY id"
        )
    assert from_sql["r"].tolist() == [1, 3, 2, 3]
    score = pd.Series([2.0, None, 1.0, None])
    assert score.rank(method="dense", ascending=False).isna().tolist() == [False, True, False, True]
    bottom = score.rank(method="dense", ascending=False, na_option="bottom")
    assert bottom.tolist() == [1, 3, 2, 3]


# --- LIMIT/OFFSET and NULL when there is no such row ----------------------------------------
def test_offset_past_the_end_gives_no_row_but_a_scalar_subquery_gives_null(module_db):
    with module_db.begin() as conn:
        make_table(conn, "Employee", SALARY_COLUMNS, [(1, 100), (2, 100)])
        bare = db.query_frame(
            conn, "SELECT DISTINCT salary FROM Employee ORDER BY salary DESC LIMIT 1 OFFSET 1"
        )
        wrapped = db.query_frame(conn, get("second_highest_salary").solution_sql)
    assert len(bare) == 0
    assert len(wrapped) == 1 and wrapped.iloc[0, 0] is None
    with pytest.raises(IndexError):
        pd.Series([100, 100]).drop_duplicates().iloc[1]


def test_limit_refuses_an_expression_so_the_function_uses_a_variable(module_db):
    with module_db.begin() as conn:
        make_table(conn, "Employee", SALARY_COLUMNS, [(1, 100)])
        db.execute_raw(conn, "DROP FUNCTION IF EXISTS nth_bad").close()
        code = error_code(
            conn,
            "CREATE FUNCTION nth_bad(N INT) RETURNS INT DETERMINISTIC READS SQL DATA "
            "RETURN (SELECT salary FROM Employee ORDER BY salary DESC LIMIT 1 OFFSET N - 1)",
        )
    assert code == SYNTAX_ERROR


def test_delimiter_is_a_client_command_not_sql(module_db):
    script = get("nth_highest_salary").solution_sql
    statements = db.split_statements(script)
    assert [s.split()[0:2] for s in statements] == [["DROP", "FUNCTION"], ["CREATE", "FUNCTION"]]
    assert statements[1].count(";") == 4  # the body's semicolons reach the server
    with module_db.begin() as conn:
        assert error_code(conn, "DELIMITER $$") == SYNTAX_ERROR


def test_the_function_is_declared_deterministic_and_reading_sql_data(module_db):
    exercise = get("nth_highest_salary")
    with module_db.begin() as conn:
        exercise.load_examples(conn)
        db.execute_script(conn, exercise.solution_sql)
        answers = [
            db.query_frame(conn, "SELECT getNthHighestSalary(:N)", {"N": n}).iloc[0, 0]
            for n in (0, 1, 2, 3, 4)
        ]
        cursor = db.execute_raw(
            conn,
            "SELECT IS_DETERMINISTIC, SQL_DATA_ACCESS FROM information_schema.ROUTINES "
            "WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME = 'getNthHighestSalary'",
        )
        characteristics = cursor.fetchall()
        cursor.close()
    assert answers == [None, 500, 300, 200, None]
    assert [tuple(row) for row in characteristics] == [("YES", "READS SQL DATA")]


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(frames=get("nth_highest_salary").strategy(), n=st.integers(-1, 6))
def test_the_function_agrees_with_pandas_for_every_n(module_db, frames, n):
    """The shared tests call 177 with N = 2; here N also runs past both ends (N < 1, N too big)."""
    exercise = dataclasses.replace(get("nth_highest_salary"), params={"N": n})
    check_pandas_equals_sql(exercise, module_db, frames)


# --- top N per group with ties ---------------------------------------------------------------
STAFF = [(1, "a", 10, 1), (2, "b", 30, 1), (3, "c", 30, 1), (4, "d", 20, 1), (5, "e", None, 2),
         (6, "f", 5, None), (7, "g", None, 3)]


def test_top_n_per_group_keeps_ties_and_matches_the_server(module_db):
    frame = pd.DataFrame(STAFF, columns=["id", "name", "salary", "dept"]).astype(
        {"salary": "Int64", "dept": "Int64"}
    )
    with module_db.begin() as conn:
        make_table(conn, "Staff", STAFF_COLUMNS, STAFF)
        from_sql = db.query_frame(conn, top_n_per_group_sql("Staff", "dept", "salary", 2))
    from_pandas = top_n_per_group(frame, "dept", "salary", 2)
    assert sorted(from_pandas["id"]) == [2, 3, 4]  # 30, 30 (a tie) and 20
    assert_frames_match(from_pandas, from_sql[["id", "name", "salary", "dept"]])


def test_row_number_would_drop_a_tied_employee(module_db):
    with module_db.begin() as conn:
        make_table(conn, "Staff", STAFF_COLUMNS, STAFF)
        firsts = db.query_frame(
            conn,
            "SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY dept ORDER BY salary DESC)"
            " AS n FROM Staff WHERE dept = 1) AS t WHERE n = 1",
        )
    assert len(firsts) == 1  # one of the two 30s is lost


def test_rank_of_an_all_null_group_is_one_so_the_solution_filters_nulls(module_db):
    with module_db.begin() as conn:
        make_table(conn, "Staff", STAFF_COLUMNS, STAFF)
        ranked = db.query_frame(
            conn, "SELECT id, RANK() OVER (PARTITION BY dept ORDER BY salary DESC) AS r "
            "FROM Staff WHERE dept = 3",
        )
    assert ranked.to_dict("records") == [{"id": 7, "r": 1}]  # NULL salary "tops" department 3
    assert "`salary` IS NOT NULL" in top_n_per_group_sql("Staff", "dept", "salary", 1)


# --- deleting duplicates in place ------------------------------------------------------------
PEOPLE = [(1, "kim@x.io"), (2, "KIM@x.io"), (3, "kim@x.io"), (4, None), (5, None)]
PERSON = {"id": "INT", "email": "VARCHAR(50)"}
def remaining(conn):
    return db.query_frame(conn, "SELECT id FROM Person ORDER BY id")["id"].tolist()


def test_a_subquery_on_the_table_being_deleted_from_is_refused_by_mysql(module_db):
    with module_db.begin() as conn:
        make_table(conn, "Person", PERSON, PEOPLE)
        code = error_code(conn, SUBQUERY_DELETE)
        mariadb = is_mariadb(conn)
    # MySQL: error 1093 (can't specify target table for update in FROM clause). MariaDB has
    # accepted it since 10.3.1.
    assert code == (None if mariadb else TARGET_TABLE_IN_FROM)


def test_the_refused_delete_shown_as_text_is_the_one_tested_here():
    assert SUBQUERY_DELETE + ";" in README.read_text()


def test_the_derived_table_shown_is_the_one_tested_here():
    wrapped_subquery = WRAPPED_DELETE[WRAPPED_DELETE.index("NOT IN") :]
    assert wrapped_subquery in README.read_text()


def test_a_derived_table_works_on_both_but_treats_null_emails_as_one_group(module_db):
    with module_db.begin() as conn:
        make_table(conn, "Person", PERSON, PEOPLE)
        db.execute_raw(conn, WRAPPED_DELETE).close()
        assert remaining(conn) == [1, 4]  # GROUP BY puts the NULLs together: 5 is deleted
        make_table(conn, "Person", PERSON, PEOPLE)
        db.execute_raw(conn, SELF_JOIN_DELETE).close()
        assert remaining(conn) == [1, 4, 5]  # `=` never matches NULL: the self-join keeps both
        make_table(conn, "Person", PERSON, PEOPLE)
        db.execute_script(conn, get("delete_duplicate_emails").solution_sql)
        assert remaining(conn) == [1, 4, 5]  # `=` never matches NULL: the self-join keeps both


def test_an_index_on_email_turns_the_self_join_into_lookups(module_db):
    with module_db.begin() as conn:
        make_table(conn, "Person", PERSON, PEOPLE)
        before = db.query_frame(conn, "EXPLAIN " + SELF_JOIN_DELETE)
        db.execute_raw(conn, "CREATE INDEX by_email ON Person (email)").close()
        after = db.query_frame(conn, "EXPLAIN " + SELF_JOIN_DELETE)
    assert before["key"].isna().all() and set(before["type"]) == {"ALL"}  # full scans
    p2 = after.set_index("table").loc["p2"]
    assert (p2["type"], p2["key"]) == ("ref", "by_email")


def test_naive_drop_duplicates_differs_from_the_server_on_case_and_null():
    person = pd.DataFrame(PEOPLE, columns=["id", "email"])
    naive = person.sort_values("id").drop_duplicates("email", keep="first")
    assert naive["id"].tolist() == [1, 2, 4]  # 'KIM@x.io' kept, NULL 5 dropped
    solved = get("delete_duplicate_emails").run_pandas({"Person": person})
    assert sorted(solved["id"]) == [1, 4, 5]


def test_the_collation_makes_case_variants_equal(module_db):
    with module_db.begin() as conn:
        cursor = db.execute_raw(conn, "SELECT 'KIM@x.io' = 'kim@x.io'")
        (equal,) = cursor.fetchone()
        cursor.close()
    assert equal == 1


# --- unpivoting ------------------------------------------------------------------------------
def test_melt_keeps_nulls_union_all_with_is_not_null_does_not(module_db):
    rows = [(1, 5, None), (2, None, None)]
    frame = pd.DataFrame(rows, columns=["product_id", "store1", "store2"]).astype(
        {"store1": "Int64", "store2": "Int64"}
    )
    melted = frame.melt(id_vars="product_id", var_name="store", value_name="price")
    assert len(melted) == 4 and melted["price"].isna().sum() == 3
    with module_db.begin() as conn:
        make_table(conn, "Wide", {"product_id": "INT", "store1": "INT", "store2": "INT"}, rows)
        from_sql = db.query_frame(conn, unpivot_sql("Wide", "product_id", ["store1", "store2"]))
    expected = pd.DataFrame({"product_id": [1], "store": ["store1"], "price": [5]})
    assert_frames_match(from_sql, expected)
    assert_frames_match(unpivot(frame, "product_id", ["store1", "store2"]), expected)


def test_bad_input_is_refused_with_a_clear_error():
    with pytest.raises(TypeError, match="N must be an int"):
        get("nth_highest_salary").solve(pd.DataFrame({"id": [], "salary": []}), N="2")
    with pytest.raises(ValueError, match="positive int"):
        top_n_per_group(pd.DataFrame({"g": [1], "v": [1]}), "g", "v", 0)
    with pytest.raises(ValueError, match="invalid SQL identifier"):
        unpivot_sql("Products; DROP TABLE x", "product_id", ["store1"])
    with pytest.raises(TypeError, match="Series"):
        rank_table([1, 2])
