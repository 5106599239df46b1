"""176. Second Highest Salary: skip the top distinct value, and get NULL instead of no row."""

import pandas as pd

# The same Employee table as 177: the same small and big inputs.
from chapters.ch08_data_manipulation.exercises.nth_highest_salary import generate, tables
from chapters.sqlkit import Exercise, wrong

STATEMENT = """
Report the second highest distinct salary of the Employee table as SecondHighestSalary
(two people on the top salary do not make it the second). One row always: NULL when there is
no second distinct salary.
"""


def second_highest_salary(employee: pd.DataFrame) -> pd.DataFrame:
    """The second highest distinct salary, NULL when there is none."""
    top_two = employee["salary"].dropna().drop_duplicates().nlargest(2)
    value = top_two.iloc[1] if len(top_two) == 2 else None
    return pd.DataFrame({"SecondHighestSalary": pd.array([value], dtype="Int64")})


@wrong("equal salaries count once: the second must be a smaller salary (DISTINCT)",
       "2. The N-th value, or NULL")
def second_row(employee: pd.DataFrame) -> pd.DataFrame:
    """The second of the two largest salaries, so a tie for the top gives the top salary."""
    top_two = employee["salary"].dropna().nlargest(2)
    value = top_two.iloc[1] if len(top_two) == 2 else None
    return pd.DataFrame({"SecondHighestSalary": pd.array([value], dtype="Int64")})


EXERCISE = Exercise(
    number=176,
    title="Second Highest Salary",
    statement=STATEMENT,
    inputs=("Employee",),
    solve=second_highest_salary,
    strategy=tables,
    generate=generate,
    expected_dtypes={"SecondHighestSalary": "Int64"},
    hints=(
        "Two people on the same top salary: the second highest is the next smaller salary, so "
        "count each salary once (DISTINCT, drop_duplicates).",
        "Skipping the top one is OFFSET 1. But when there is no second salary, a query with "
        "LIMIT returns no row at all, and the answer must be one row holding NULL.",
        "Wrap the query in another SELECT: SELECT (SELECT DISTINCT salary ... LIMIT 1 OFFSET 1) "
        "AS SecondHighestSalary. A scalar subquery that finds nothing is NULL. In pandas, "
        "nlargest(2) of the distinct salaries, and None when it has fewer than two.",
    ),
    wrong=(second_row,),
)
