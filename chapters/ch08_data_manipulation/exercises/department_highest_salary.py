"""184. Department Highest Salary: the top of each group, ties kept, NULLs left out."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ids, ints, text
from chapters.sqlkit.strategies import frame, tricky_text

STATEMENT = """
For every department, list the employees who earn that department's top salary; when several
share the top salary, list them all. Columns Department (its name), Employee (the name) and
Salary, in any order. Employees without a known department, or without a salary, are left out.
"""


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


@wrong("one row per group loses the ties: two people can share the top salary",
       "3. The top N per group, ties included", picks_among_ties=True)
def first_of_each_department(employee: pd.DataFrame, department: pd.DataFrame) -> pd.DataFrame:
    """The best paid row of each department, as ROW_NUMBER() = 1 would keep: one of a tie."""
    paid = employee.dropna(subset=["salary"]).sort_values("salary", ascending=False)
    best = paid.drop_duplicates("departmentId")
    both = best.merge(
        department, left_on="departmentId", right_on="id", suffixes=("_employee", "_department")
    )
    return both.rename(
        columns={"name_department": "Department", "name_employee": "Employee", "salary": "Salary"}
    )[["Department", "Employee", "Salary"]]


def tables() -> st.SearchStrategy:
    """Four departments at most: ties on popular salaries, all-NULL departments, unknown ids."""
    # A few popular values make ties likely; NULL and any other value are possible too.
    salary = st.one_of(st.none(), st.sampled_from([100, 200, 300]), st.integers(0, 10**6))
    employee = frame(
        {
            "id": st.integers(1, 10_000),
            "name": st.one_of(st.none(), tricky_text()),
            "salary": salary,
            "departmentId": st.one_of(st.none(), st.integers(1, 4)),
        },
        {"id": "Int64", "salary": "Int64", "departmentId": "Int64"},
        unique=("id",),
    )
    department = frame(
        {"id": st.integers(1, 4), "name": st.one_of(st.none(), tricky_text())},
        {"id": "Int64"},
        unique=("id",),
        max_rows=4,
    )
    return st.fixed_dictionaries({"Employee": employee, "Department": department})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Employee(id, name, salary, departmentId) and Department(id, name): ~100 people a department."""
    k = max(1, n // 100)
    employee = pd.DataFrame(
        {
            "id": ids(n),
            "name": text("e", np.arange(n)),
            "salary": ints(rng.integers(1, 200, n) * 100, rng, 0.01),
            "departmentId": ints(rng.integers(1, k + 2, n), rng, 0.01),  # k + 1: unknown
        }
    )
    department = pd.DataFrame({"id": ids(k), "name": text("d", np.arange(k))})
    return {"Employee": employee, "Department": department}


EXERCISE = Exercise(
    number=184,
    title="Department Highest Salary",
    statement=STATEMENT,
    inputs=("Employee", "Department"),
    solve=department_highest_salary,
    strategy=tables,
    generate=generate,
    expected_dtypes={"Salary": "Int64"},
    hints=(
        "First find the top salary of each department, then keep every employee who earns it: "
        "two people may share it, and both belong in the answer.",
        "MAX(salary) ... GROUP BY departmentId skips NULL salaries; join it back to Employee on "
        "both the department and the salary. In pandas, groupby(...).transform('max') gives "
        "each row its department's top salary.",
        "Then join Department for the name (an inner join drops unknown departments) and rename "
        "the columns to Department, Employee, Salary. Beware ROW_NUMBER() = 1 or idxmax: they "
        "keep one row of a tie.",
    ),
    wrong=(first_of_each_department,),
)
