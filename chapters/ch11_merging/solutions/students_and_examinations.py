"""1280. Students and Examinations, in pandas."""

import pandas as pd


def students_and_examinations(
    students: pd.DataFrame, subjects: pd.DataFrame, examinations: pd.DataFrame
) -> pd.DataFrame:
    """Exams taken per student and subject, every pair listed, zeros included."""
    grid = students.merge(subjects, how="cross")  # every (student, subject) pair
    # groupby drops rows with a NULL key: such exams cannot belong to any pair anyway.
    taken = examinations.groupby(["student_id", "subject_name"], as_index=False).agg(
        attended_exams=("subject_name", "size")
    )
    result = grid.merge(taken, on=["student_id", "subject_name"], how="left")
    result["attended_exams"] = result["attended_exams"].fillna(0).astype("int64")
    result = result.sort_values(["student_id", "subject_name"])  # code-point order of names
    return result[["student_id", "student_name", "subject_name", "attended_exams"]]
