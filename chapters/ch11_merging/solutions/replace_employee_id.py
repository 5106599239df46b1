"""1378. Replace Employee ID With The Unique Identifier, in pandas."""

import pandas as pd


def replace_employee_id(employees: pd.DataFrame, employee_uni: pd.DataFrame) -> pd.DataFrame:
    """Every employee with their unique id, NULL when they have none (a LEFT JOIN)."""
    both = employees.merge(employee_uni, on="id", how="left")
    return both[["unique_id", "name"]]
