"""184. Department Highest Salary, in pandas."""

import pandas as pd


def department_highest_salary(employee: pd.DataFrame, department: pd.DataFrame) -> pd.DataFrame:
    """Everyone whose salary is the top salary of their department (ties all kept)."""
    top = employee.groupby("departmentId")["salary"].transform("max")
    # NULL salary or NULL department: the comparison is <NA>, which is not a match.
    best = employee.loc[(employee["salary"] == top).fillna(False)]
    # An inner merge, like JOIN: an employee of an unknown department drops out.
    both = best.merge(
        department, left_on="departmentId", right_on="id", suffixes=("_employee", "_department")
    )
    return both.rename(
        columns={"name_department": "Department", "name_employee": "Employee", "salary": "Salary"}
    )[["Department", "Employee", "Salary"]]
