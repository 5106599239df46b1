"""176. Second Highest Salary: skip the top distinct value, and get NULL instead of no row."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ids, ints
from chapters.sqlkit.strategies import frame

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


def tables() -> st.SearchStrategy:
    """Small Employee tables: ties on the top salary, NULLs, and one or no salary at all."""
    # A few popular values make ties likely; NULL and any other value are possible too.
    salary = st.one_of(st.none(), st.sampled_from([100, 200, 300]), st.integers(0, 10**6))
    employee = frame(
        {"id": st.integers(1, 10_000), "salary": salary},
        {"id": "Int64", "salary": "Int64"},
        unique=("id",),
    )
    return st.fixed_dictionaries({"Employee": employee})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Employee(id, salary): many ties (n/4 distinct values), 1% NULL."""
    salary = ints(rng.integers(1, max(2, n // 4), n) * 100, rng, 0.01)
    return {"Employee": pd.DataFrame({"id": ids(n), "salary": salary})}


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
