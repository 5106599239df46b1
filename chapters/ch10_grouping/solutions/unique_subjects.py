"""2356. Number of Unique Subjects Taught by Each Teacher, in pandas."""

import pandas as pd


def count_unique_subjects(teacher: pd.DataFrame) -> pd.DataFrame:
    """How many different subjects each teacher teaches (across all departments)."""
    # dropna=False keeps the rows whose teacher_id is NULL as a group of their own, as
    # GROUP BY does; groupby's default would silently drop them.
    counts = teacher.groupby("teacher_id", as_index=False, dropna=False).agg(
        cnt=("subject_id", "nunique")
    )
    return counts
