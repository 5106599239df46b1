"""1873. Calculate Special Bonus: a computed column, a case-sensitive LIKE, and odd ids."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.ch07_strings.exercises._inputs import maybe, row_id
from chapters.sqlkit import Exercise
from chapters.sqlkit.columns import ids, words
from chapters.sqlkit.strategies import frame, tricky_text

STATEMENT = """
An employee's bonus is their whole salary when their employee_id is odd and their name does
not start with a capital 'M' (a lower-case 'm' is fine; an unknown name earns no bonus);
otherwise it is 0. List employee_id and bonus for everyone, ordered by employee_id.
"""


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


def tables() -> st.SearchStrategy:
    """Names that start with 'M', 'm', a full-width 'Ｍ', an accent or anything else."""
    name_start = st.sampled_from(["M", "m", "Ｍ", "É", "N", ""])
    employees = frame(
        {
            "employee_id": row_id,
            "name": maybe(st.builds(str.__add__, name_start, tricky_text(max_size=5))),
            "salary": maybe(st.integers(0, 10**6)),
        },
        {"employee_id": "Int64", "salary": "Int64"},
        unique=("employee_id",),
    )
    return st.fixed_dictionaries({"Employees": employees})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n employees; names of 3 to 10 letters, a fifth of them starting with 'M'."""
    names = words(n, rng, 3, 10)
    names = names.mask(rng.random(n) < 0.2, "M" + names)
    salary = pd.Series(rng.integers(1_000, 100_000, n), dtype="Int64")
    return {"Employees": pd.DataFrame({"employee_id": ids(n), "name": names, "salary": salary})}


EXERCISE = Exercise(
    number=1873,
    title="Calculate Special Bonus",
    statement=STATEMENT,
    inputs=("Employees",),
    solve=calculate_special_bonus,
    strategy=tables,
    generate=generate,
    ordered=True,
    expected_dtypes={"employee_id": "Int64", "bonus": "Int64"},
    hints=(
        "Every employee gets a row: the bonus is a computed column (CASE WHEN in SQL, where() "
        "in pandas), not a filter.",
        "'Starts with M' is case-sensitive here, and the table's collation is not. And what is "
        "-3 % 2 in MySQL?",
        "SQL: CASE WHEN employee_id % 2 <> 0 AND name COLLATE utf8mb4_bin NOT LIKE 'M%' THEN "
        "salary ELSE 0 END, ORDER BY employee_id.",
    ),
)
