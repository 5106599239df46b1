"""177. Nth Highest Salary, in pandas."""

import numbers

import pandas as pd


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
