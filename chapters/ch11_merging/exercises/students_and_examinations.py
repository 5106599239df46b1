"""1280. Students and Examinations: a cross join, a left join, and counts that keep the zeros."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ints, text
from chapters.sqlkit.strategies import frame, tricky_text

STATEMENT = """
Every student takes every subject. Examinations has one row per exam sat (a student may sit
the same subject several times). For each student and each subject, report how many exams
the student attended, 0 included. Subject names match exactly, case included (an exam of
'math' is not an exam of 'Math'); exams of unknown students or subjects, or with NULLs, count
for nobody. Order by student_id, then subject_name by code point (Python's order).
"""


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


@wrong("size counts the NaN-padded row: no exam counts as 1", "3. Counting matches, zeros included")
def size_after_left_merge(
    students: pd.DataFrame, subjects: pd.DataFrame, examinations: pd.DataFrame
) -> pd.DataFrame:
    """Left-merge the exams onto every pair, then count rows: a pair with no exam still has one."""
    grid = students.merge(subjects, how="cross")
    joined = grid.merge(examinations, on=["student_id", "subject_name"], how="left")
    counts = joined.groupby(
        ["student_id", "student_name", "subject_name"], as_index=False, dropna=False
    ).size()
    counts = counts.rename(columns={"size": "attended_exams"})
    return counts.sort_values(["student_id", "subject_name"])


# Case variants on purpose: the SQL matches names with COLLATE utf8mb4_bin, so an exam of
# 'math' must not count for the subject 'Math' on either side.
SUBJECT = st.sampled_from(["Math", "math", "art", "Art", "Physics", "bio"])


def tables() -> st.SearchStrategy:
    """A few students and subjects, exams with case variants, unknown ids and NULLs."""
    students = frame(
        {"student_id": st.integers(0, 6), "student_name": st.one_of(st.none(), tricky_text())},
        {"student_id": "Int64"},
        max_rows=5,
        unique=("student_id",),
    )
    subjects = frame({"subject_name": SUBJECT}, {}, max_rows=4, unique=("subject_name",))
    examinations = frame(
        {
            "student_id": st.one_of(st.none(), st.integers(0, 7)),
            "subject_name": st.one_of(st.none(), SUBJECT),
        },
        {"student_id": "Int64"},
        max_rows=15,
    )
    return st.fixed_dictionaries(
        {"Students": students, "Subjects": subjects, "Examinations": examinations}
    )


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n exams of n/100 students in 8 subjects; some exams name 'math', unknown ids or NULL."""
    subjects = np.array(
        ["Math", "art", "Physics", "bio", "Chem", "music", "Law", "zoo"], dtype=object
    )
    count = max(n // 100, 1)
    students = pd.DataFrame(
        {"student_id": ints(np.arange(count)), "student_name": text("student", np.arange(count))}
    )
    exam_subjects = np.append(subjects, "math")  # matches no subject exactly
    examinations = pd.DataFrame(
        {
            "student_id": ints(rng.integers(0, count + 5, n), rng, 0.01),
            "subject_name": rng.choice(exam_subjects, n),
        }
    )
    return {
        "Students": students,
        "Subjects": pd.DataFrame({"subject_name": subjects}),
        "Examinations": examinations,
    }


EXERCISE = Exercise(
    number=1280,
    title="Students and Examinations",
    statement=STATEMENT,
    inputs=("Students", "Subjects", "Examinations"),
    solve=students_and_examinations,
    strategy=tables,
    generate=generate,
    ordered=True,
    expected_dtypes={"student_id": "Int64", "attended_exams": "Int64"},
    hints=(
        "Every (student, subject) pair must appear, exams or not: start from a CROSS JOIN "
        "(merge(how='cross')).",
        "Bring the exams in with a LEFT JOIN and count a column of Examinations, not the rows: "
        "COUNT(*) counts the NULL-padded row of a pair with no exam as 1.",
        "The table's collation says 'math' = 'Math'; the task does not: compare and sort the "
        "names with COLLATE utf8mb4_bin. In pandas, count the exams per (student_id, "
        "subject_name) first, left-merge the counts onto the pairs and fill the gaps with 0.",
    ),
    wrong=(size_after_left_merge,),
)
