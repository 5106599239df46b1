"""1873. Calculate Special Bonus, in pandas."""

import pandas as pd


def calculate_special_bonus(employees: pd.DataFrame) -> pd.DataFrame:
    """Bonus = salary for an odd id and a name not starting with 'M' (case-sensitive), else 0."""
    # != 0, not == 1: MySQL's -3 % 2 is -1 while Python's is 1; "not zero" is odd for both.
    odd = employees["employee_id"] % 2 != 0
    # A NULL name gives <NA> (unknown); & and ~ on the "boolean" dtype follow SQL's three-valued
    # logic, and an unknown condition earns no bonus, as in SQL's CASE WHEN.
    starts_with_m = employees["name"].str.startswith("M").astype("boolean")
    gets_bonus = (odd & ~starts_with_m).fillna(False)
    result = employees.assign(bonus=employees["salary"].where(gets_bonus, 0))
    return result[["employee_id", "bonus"]].sort_values("employee_id")
