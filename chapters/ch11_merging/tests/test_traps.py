"""Every trap the lesson names, proven on the real server (and in pandas)."""

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from chapters.ch11_merging import demo
from chapters.sqlkit import db, get
from chapters.sqlkit.frames import assert_frames_match, frame_differences
from common.lesson import lesson_for

LESSON = lesson_for(Path(__file__).resolve().parents[1])


@pytest.fixture(scope="module")
def lesson_db(module_db):
    """The lesson's tables, made by running its SQL blocks as the walk-through does."""
    LESSON.run_sql_blocks(module_db)
    return module_db


def query(engine, sql: str) -> pd.DataFrame:
    with engine.connect() as conn:
        return db.query_frame(conn, sql)


@pytest.mark.parametrize("table", list(demo.tables()))
def test_the_readme_makes_the_same_tables_as_demo(lesson_db, table):
    from_server = query(lesson_db, f"SELECT * FROM {db.quote(table)}")
    assert_frames_match(demo.tables()[table], from_server)


def test_sql_never_matches_null_keys_and_merge_does(lesson_db):
    from_sql = query(
        lesson_db,
        "SELECT b.title, p.prize FROM Books AS b JOIN Prizes AS p ON p.author_id = b.author_id",
    )
    tables = demo.tables()
    books, prizes = tables["Books"], tables["Prizes"]
    merged = books.merge(prizes, on="author_id")[["title", "prize"]]
    assert "Drafts" in merged["title"].tolist()  # NaN met NaN
    assert "Drafts" not in from_sql["title"].tolist()
    assert frame_differences(merged, from_sql)
    dropped = books.dropna(subset=["author_id"]).merge(
        prizes.dropna(subset=["author_id"]), on="author_id"
    )
    assert_frames_match(dropped[["title", "prize"]], from_sql)


def test_null_safe_equality_matches_nulls_like_merge(lesson_db):
    from_sql = query(
        lesson_db,
        "SELECT b.title, p.prize FROM Books AS b JOIN Prizes AS p ON p.author_id <=> b.author_id",
    )
    tables = demo.tables()
    merged = tables["Books"].merge(tables["Prizes"], on="author_id")[["title", "prize"]]
    assert_frames_match(merged, from_sql)


def test_there_is_no_full_outer_join(lesson_db):
    with pytest.raises(sa.exc.ProgrammingError, match="1064"):
        query(lesson_db, "SELECT * FROM Authors AS a FULL OUTER JOIN Books AS b ON TRUE")


def test_full_join_without_outer_is_a_silent_inner_join(lesson_db):
    got = query(lesson_db, "SELECT name, title FROM Authors FULL JOIN Books USING (author_id)")
    tables = demo.tables()
    inner = tables["Authors"].merge(tables["Books"], on="author_id")[["name", "title"]]
    assert_frames_match(got, inner)


def test_union_emulation_equals_pandas_outer_merge(lesson_db):
    from_sql = query(
        lesson_db,
        """
        SELECT a.name, b.title
        FROM Authors AS a LEFT JOIN Books AS b ON b.author_id = a.author_id
        UNION ALL
        SELECT NULL, b.title
        FROM Books AS b LEFT JOIN Authors AS a ON a.author_id = b.author_id
        WHERE a.author_id IS NULL
        """,
    )
    tables = demo.tables()
    outer = tables["Authors"].merge(tables["Books"], on="author_id", how="outer")
    assert_frames_match(outer[["name", "title"]], from_sql)


def test_union_drops_true_duplicates_and_union_all_keeps_them(module_db):
    with module_db.begin() as conn:
        for table in ("L", "R"):
            db.execute_raw(conn, f"DROP TABLE IF EXISTS {table}").close()
            db.execute_raw(conn, f"CREATE TABLE {table} (k INT, v VARCHAR(5))").close()
        db.insert_rows(conn, "L", ["k", "v"], [(1, "x"), (1, "x")])  # a true duplicate row
        db.insert_rows(conn, "R", ["k", "v"], [(1, "y")])
    left = "SELECT L.v AS lv, R.v AS rv FROM L LEFT JOIN R ON R.k = L.k"
    right = "SELECT L.v, R.v FROM L RIGHT JOIN R ON R.k = L.k"
    assert len(query(module_db, f"{left} UNION {right}")) == 1
    exact = f"{left} UNION ALL SELECT NULL, R.v FROM R LEFT JOIN L ON L.k = R.k WHERE L.k IS NULL"
    assert len(query(module_db, exact)) == 2
    frames = {"L": pd.DataFrame({"k": [1, 1], "v": ["x", "x"]}), "R": pd.DataFrame({"k": [1], "v": ["y"]})}
    assert len(frames["L"].merge(frames["R"], on="k", how="outer")) == 2


def test_count_star_after_a_left_join_counts_unmatched_rows(lesson_db):
    sql = (
        "SELECT a.name, COUNT({}) AS n FROM Authors AS a "
        "LEFT JOIN Books AS b ON b.author_id = a.author_id GROUP BY a.author_id, a.name"
    )
    star = dict(query(lesson_db, sql.format("*")).itertuples(index=False))
    column = dict(query(lesson_db, sql.format("b.book_id")).itertuples(index=False))
    assert star["Bea"] == 1 and column["Bea"] == 0


def known_wrong_sql(exercise, name: str) -> str:
    """The script of one of the exercise's known wrong answers (sql/ch11/<slug>/wrong/<name>.sql)."""
    return {answer.name: answer.sql for answer in exercise.wrong_answers("sql")}[name]


def test_not_in_with_a_null_in_the_list_returns_nothing(module_db):
    exercise = get("sales_person")
    with module_db.begin() as conn:
        exercise.load_examples(conn)
        not_in = exercise.run_sql(conn, script=known_wrong_sql(exercise, "not_in"))
        assert not_in.empty  # order 6: RED, sales_id NULL
        exercise.check(exercise.run_sql(conn), exercise.expected())  # NOT EXISTS


def test_ci_collation_matches_names_regardless_of_case(module_db):
    exercise = get("students_and_examinations")
    with module_db.begin() as conn:
        exercise.load_examples(conn)
        got = exercise.run_sql(conn, script=known_wrong_sql(exercise, "case_blind_names"))
    ayla_math = got[(got["student_id"] == 1) & (got["subject_name"] == "Math")]
    assert ayla_math["attended_exams"].tolist() == [3]  # 'Math' twice plus 'math'
    assert got["subject_name"].tolist()[:3] == ["art", "Math", "Physics"]  # case-blind order
    assert frame_differences(got, exercise.expected(), check_order=True)


def test_red_matches_red_in_any_case_under_the_ci_collation(module_db):
    exercise = get("sales_person")
    with module_db.begin() as conn:
        exercise.load_examples(conn)
        got = exercise.run_sql(conn, script=known_wrong_sql(exercise, "case_blind_red"))
    assert sorted(got["name"]) == ["Jon", "Lux"]  # Ivy sold to 'red', which now counts
