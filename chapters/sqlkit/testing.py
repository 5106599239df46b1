"""What the SQL exercises' tests share: the example and differential checks."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from chapters.sqlkit.exercise import Exercise
from common.frames import assert_frames_match


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
