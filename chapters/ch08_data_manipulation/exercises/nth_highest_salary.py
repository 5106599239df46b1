"""177. Nth Highest Salary: the N-th distinct value, NULL past the end, and a stored function."""

import numbers

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ids, ints
from chapters.sqlkit.strategies import frame

STATEMENT = """
Given N, report the N-th highest salary of the Employee table, counting equal salaries once:
with salaries 500, 500, 300 the 2nd highest is 300. When there are fewer than N distinct
salaries (or N < 1) the answer is NULL. One row, one column named after the call, e.g.
getNthHighestSalary(2). On the SQL side the answer is a stored function
getNthHighestSalary(N INT).
"""


def nth_highest_salary(employee: pd.DataFrame, N: int) -> pd.DataFrame:  # noqa: N803 (LeetCode's name)
    """The N-th highest distinct salary, or NULL when there are fewer than N distinct salaries."""
    if isinstance(N, bool) or not isinstance(N, numbers.Integral):
        raise TypeError(f"N must be an int, got {type(N).__name__}")
    N = int(N)  # numpy integers too
    # NULL is no salary: SQL's ORDER BY ... DESC puts it last, so it can only be reached past the
    # end of the real salaries, where the answer is NULL anyway. Dropping it gives the same.
    distinct = employee["salary"].dropna().drop_duplicates().sort_values(ascending=False)
    value = distinct.iloc[N - 1] if 1 <= N <= len(distinct) else None
    # LeetCode names the column after the call, as MySQL does for `SELECT getNthHighestSalary(2)`.
    return pd.DataFrame({f"getNthHighestSalary({N})": pd.array([value], dtype="Int64")})


@wrong("past the end there is no row: the answer must be one row holding NULL",
       "2. The N-th value, or NULL")
def slice_past_the_end(employee: pd.DataFrame, N: int) -> pd.DataFrame:  # noqa: N803
    """A slice instead of .iloc[N - 1]: no IndexError past the end, but no row either."""
    distinct = employee["salary"].dropna().drop_duplicates().sort_values(ascending=False)
    return distinct.iloc[N - 1 : N].to_frame(f"getNthHighestSalary({N})")


def tables() -> st.SearchStrategy:
    """Small Employee tables where ties (a few popular salaries), NULLs and too few salaries are common."""
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
    number=177,
    title="Nth Highest Salary",
    statement=STATEMENT,
    inputs=("Employee",),
    solve=nth_highest_salary,
    strategy=tables,
    generate=generate,
    expected_dtypes={"getNthHighestSalary(2)": "Int64"},
    params={"N": 2},
    result_sql="SELECT getNthHighestSalary(:N)",
    hints=(
        "Equal salaries count once: make the salaries distinct, then sort them from the highest.",
        "The N-th value is the one after skipping N - 1. LIMIT and OFFSET accept a number or a "
        "variable, not N - 1: DECLARE a variable for it first.",
        "In the function: RETURN (SELECT DISTINCT salary ... ORDER BY salary DESC LIMIT 1 OFFSET "
        "skipped); a scalar subquery that finds no row is NULL. In pandas: drop_duplicates, "
        "sort_values, then .iloc[N - 1] only when 1 <= N <= the number of salaries.",
    ),
    wrong=(slice_past_the_end,),
    sql_stub="""
-- The answer is a stored function; the judge then runs SELECT getNthHighestSalary(2).
-- DELIMITER is a command of the mysql client: keep those lines, they let the body's `;` through.
-- Uncomment the frame below and write the body between BEGIN and END.
-- DROP FUNCTION IF EXISTS getNthHighestSalary;
-- DELIMITER $$
-- CREATE FUNCTION getNthHighestSalary(N INT) RETURNS INT
-- DETERMINISTIC
-- READS SQL DATA
-- BEGIN
--     your answer: RETURN ( ... );
-- END $$
-- DELIMITER ;
""",
)
