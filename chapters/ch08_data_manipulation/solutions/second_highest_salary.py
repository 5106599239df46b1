"""176. Second Highest Salary, in pandas."""

import pandas as pd


def second_highest_salary(employee: pd.DataFrame) -> pd.DataFrame:
    """The second highest distinct salary, NULL when there is none."""
    top_two = employee["salary"].dropna().drop_duplicates().nlargest(2)
    value = top_two.iloc[1] if len(top_two) == 2 else None
    return pd.DataFrame({"SecondHighestSalary": pd.array([value], dtype="Int64")})
