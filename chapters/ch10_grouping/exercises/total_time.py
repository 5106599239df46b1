"""1741. Find Total Time Spent by Each Employee: two grouping keys, and the SUM of only NULLs."""

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import days, ints
from chapters.sqlkit.strategies import frame

STATEMENT = """
Each row of Employees is one visit to the office: the employee came in at minute in_time of
event_day and left at minute out_time. An employee may visit several times a day. For every
employee and day, report the minutes spent inside (the sum of out_time - in_time) as
total_time, with the day in a column called day. A visit whose out_time is NULL adds nothing;
a day made only of such visits has a NULL total. Any order.
"""


def total_time(employees: pd.DataFrame) -> pd.DataFrame:
    """Minutes in the office per employee per day: the sum of out_time - in_time."""
    spent = employees.assign(total_time=employees["out_time"] - employees["in_time"])
    # min_count=1: a group whose every value is NULL sums to NULL, as SQL's SUM does (pandas
    # would say 0 by default).
    totals = spent.groupby(["event_day", "emp_id"], as_index=False)["total_time"].sum(min_count=1)
    return totals.rename(columns={"event_day": "day"})[["day", "emp_id", "total_time"]]


@wrong("SUM of only NULLs is NULL, but pandas' sum() says 0", "1. GROUP BY and named aggregations")
def sum_says_zero(employees: pd.DataFrame) -> pd.DataFrame:
    """The default sum(): a day whose visits all lack an out_time totals 0 instead of NULL."""
    spent = employees.assign(total_time=employees["out_time"] - employees["in_time"])
    totals = spent.groupby(["event_day", "emp_id"], as_index=False)["total_time"].sum()
    return totals.rename(columns={"event_day": "day"})[["day", "emp_id", "total_time"]]


def tables() -> st.SearchStrategy:
    """Few employees and days, so visits share a group; some visits have no out_time."""
    employees = frame(
        {
            "emp_id": st.integers(0, 3),
            "event_day": st.dates(dt.date(2024, 2, 28), dt.date(2024, 3, 1)),
            "in_time": st.integers(0, 1440),
            "out_time": st.one_of(st.none(), st.integers(0, 1440)),
        },
        {"emp_id": "Int64", "event_day": "datetime64[ns]", "in_time": "Int64", "out_time": "Int64"},
        unique=("emp_id", "event_day", "in_time"),
    )
    return st.fixed_dictionaries({"Employees": employees})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Visits of n/100 employees over 30 days, a few per day; 2% never clocked out."""
    k = np.arange(n)
    people = max(n // 100, 1)
    slot = k // (people * 30)  # the visit's number within its (employee, day)
    in_time = slot * 30 + rng.integers(0, 10, n)  # disjoint ranges per slot: the key is unique
    employees = pd.DataFrame(
        {
            "emp_id": ints(k % people),
            "event_day": days((k // people) % 30),
            "in_time": ints(in_time),
            "out_time": ints(in_time + rng.integers(1, 25, n), rng, 0.02),
        }
    )
    return {"Employees": employees}


EXERCISE = Exercise(
    number=1741,
    title="Find Total Time Spent by Each Employee",
    statement=STATEMENT,
    inputs=("Employees",),
    solve=total_time,
    strategy=tables,
    generate=generate,
    expected_dtypes={"day": "datetime64[ns]", "emp_id": "Int64", "total_time": "Int64"},
    hints=(
        "One output row per (employee, day): group by both columns.",
        "Subtract inside the sum, visit by visit: SUM(out_time - in_time). A visit with no "
        "out_time then drops out whole.",
        "A day whose visits all lack an out_time must total NULL: SQL's SUM does that; in pandas "
        "pass min_count=1 to sum(), and rename event_day to day.",
    ),
    wrong=(sum_says_zero,),
)
