"""What the SQL tests share: the example and differential checks, and small tables for traps."""

from __future__ import annotations

from sqlalchemy.engine import Connection, Engine

from chapters.sqlkit import db
from chapters.sqlkit.exercise import Exercise
from chapters.sqlkit.frames import assert_frames_match


def check_example_pandas(exercise: Exercise) -> None:
    """The pandas solution on the example tables gives the hand-written expected output."""
    exercise.check(exercise.run_pandas(exercise.example_frames()), exercise.expected())


def check_example_sql(exercise: Exercise, engine: Engine) -> None:
    """The SQL solution on the server, on the example tables, gives the expected output."""
    with engine.begin() as conn:
        exercise.load_examples(conn)
        actual = exercise.run_sql(conn)
    exercise.check(actual, exercise.expected())


def check_pandas_equals_sql(exercise: Exercise, engine: Engine, frames: dict) -> None:
    """Differential check: on the same input tables, pandas and the server agree."""
    with engine.begin() as conn:
        exercise.load_frames(conn, frames)
        from_sql = exercise.run_sql(conn)
    from_pandas = exercise.run_pandas(frames)
    assert_frames_match(from_pandas, from_sql, check_order=exercise.ordered)


def make_table(conn: Connection, name: str, columns: dict[str, str], rows: list[tuple]) -> None:
    """(Re)create a small table for one trap: `columns` maps each column to its SQL type; the first
    is the primary key. The table gets the exercises' character set and collation."""
    if not columns:
        raise ValueError(f"make_table({name!r}): give at least one column (the primary key)")
    body = ", ".join(f"{db.quote(column)} {kind}" for column, kind in columns.items())
    key = db.quote(next(iter(columns)))
    db.execute_raw(conn, f"DROP TABLE IF EXISTS {db.quote(name)}").close()
    db.execute_raw(
        conn,
        f"CREATE TABLE {db.quote(name)} ({body}, PRIMARY KEY ({key})) "
        "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
    ).close()
    db.insert_rows(conn, name, list(columns), rows)
