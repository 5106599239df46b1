"""2356. Number of Unique Subjects Taught by Each Teacher: COUNT(DISTINCT ...), a NULL key kept."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ints
from chapters.sqlkit.strategies import frame

STATEMENT = """
A row of Teacher says that teacher teacher_id teaches subject subject_id in department
dept_id. Count, for each teacher, how many different subjects they teach, whatever the
department, as cnt. Rows whose teacher_id is NULL (not yet assigned) form a group of their
own, as GROUP BY makes them. Any order.
"""


def unique_subjects(teacher: pd.DataFrame) -> pd.DataFrame:
    """How many different subjects each teacher teaches (across all departments)."""
    # dropna=False keeps the rows whose teacher_id is NULL as a group of their own, as
    # GROUP BY does; groupby's default would silently drop them.
    counts = teacher.groupby("teacher_id", as_index=False, dropna=False).agg(
        cnt=("subject_id", "nunique")
    )
    return counts


@wrong("groupby drops the NULL teacher_id group", "5. NULL keys: a group in SQL, gone in pandas")
def null_teacher_dropped(teacher: pd.DataFrame) -> pd.DataFrame:
    """groupby's default dropna=True: the unassigned rows vanish instead of forming a group."""
    return teacher.groupby("teacher_id", as_index=False).agg(cnt=("subject_id", "nunique"))


def tables() -> st.SearchStrategy:
    """Few teachers (some NULL), subjects taught in several departments."""
    teacher = frame(
        {
            "teacher_id": st.one_of(st.none(), st.integers(0, 3)),
            "subject_id": st.integers(0, 5),
            "dept_id": st.integers(0, 3),
        },
        {"teacher_id": "Int64", "subject_id": "Int64", "dept_id": "Int64"},
        unique=("subject_id", "dept_id"),
    )
    return st.fixed_dictionaries({"Teacher": teacher})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n (subject, department) pairs, 10 departments, taught by n/20 teachers (1% unassigned)."""
    k = np.arange(n)
    teacher = pd.DataFrame(
        {
            "teacher_id": ints(rng.integers(0, max(n // 20, 1), n), rng, 0.01),
            "subject_id": ints(k // 10),
            "dept_id": ints(k % 10),
        }
    )
    return {"Teacher": teacher}


EXERCISE = Exercise(
    number=2356,
    title="Number of Unique Subjects Taught by Each Teacher",
    statement=STATEMENT,
    inputs=("Teacher",),
    solve=unique_subjects,
    strategy=tables,
    generate=generate,
    expected_dtypes={"teacher_id": "Int64", "cnt": "Int64"},
    hints=(
        "One row per teacher: group by teacher_id.",
        "A subject taught in two departments is still one subject: count different values, "
        "not rows (COUNT(DISTINCT ...) / nunique).",
        "The rows with no teacher_id are a group too: GROUP BY keeps it, pandas needs "
        "groupby('teacher_id', dropna=False).",
    ),
    wrong=(null_teacher_dropped,),
)
