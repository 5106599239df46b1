"""1378. Replace Employee ID With The Unique Identifier: a left join, and a row per match."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ints, text
from chapters.sqlkit.strategies import frame, tricky_text

STATEMENT = """
Employees lists employees by id; EmployeeUNI gives some of them a unique_id (an employee may
have several). Show every employee's unique_id next to their name: NULL when they have none,
one row per unique id when they have several. Unique ids of unknown employees are left out.
Any order.
"""


def replace_employee_id(employees: pd.DataFrame, employee_uni: pd.DataFrame) -> pd.DataFrame:
    """Every employee with their unique id, NULL when they have none (a LEFT JOIN)."""
    both = employees.merge(employee_uni, on="id", how="left")
    return both[["unique_id", "name"]]


@wrong(
    "merge is an inner join by default: employees without a unique id vanish",
    "1. Inner and left joins",
)
def inner_merge(employees: pd.DataFrame, employee_uni: pd.DataFrame) -> pd.DataFrame:
    """merge's default how='inner' keeps only the employees who have a unique id."""
    both = employees.merge(employee_uni, on="id")
    return both[["unique_id", "name"]]


def tables() -> st.SearchStrategy:
    """Few ids on both sides: employees with none, one or two unique ids, and unknown owners."""
    employees = frame(
        {"id": st.integers(0, 8), "name": st.one_of(st.none(), tricky_text())},
        {"id": "Int64"},
        unique=("id",),
    )
    employee_uni = frame(
        {"id": st.integers(0, 10), "unique_id": st.integers(0, 5)},
        {"id": "Int64", "unique_id": "Int64"},
        unique=("id", "unique_id"),
    )
    return st.fixed_dictionaries({"Employees": employees, "EmployeeUNI": employee_uni})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n employees; 70% have a unique id, a few have two, 1% of the ids name nobody."""
    employees = pd.DataFrame({"id": ints(np.arange(n)), "name": text("person", np.arange(n))})
    owners = rng.permutation(n)[: int(n * 0.7)]
    owners = np.concatenate([owners, owners[: n // 50], n + np.arange(n // 100)])
    employee_uni = pd.DataFrame(
        {"id": ints(owners), "unique_id": ints(rng.permutation(len(owners)))}
    )
    return {"Employees": employees, "EmployeeUNI": employee_uni}


EXERCISE = Exercise(
    number=1378,
    title="Replace Employee ID With The Unique Identifier",
    statement=STATEMENT,
    inputs=("Employees", "EmployeeUNI"),
    solve=replace_employee_id,
    strategy=tables,
    generate=generate,
    expected_dtypes={"unique_id": "Int64"},
    hints=(
        "Every employee must appear, with or without a unique id: which join keeps every row "
        "of one table?",
        "A LEFT JOIN from Employees (merge(how='left') in pandas) keeps them all, with NULL "
        "where no unique id matched.",
        "SQL: SELECT u.unique_id, e.name FROM Employees AS e LEFT JOIN EmployeeUNI AS u ON "
        "u.id = e.id. pandas: employees.merge(employee_uni, on='id', how='left').",
    ),
    wrong=(inner_merge,),
)
