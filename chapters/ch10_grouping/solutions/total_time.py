"""1741. Find Total Time Spent by Each Employee, in pandas."""

import pandas as pd


def total_time(employees: pd.DataFrame) -> pd.DataFrame:
    """Minutes in the office per employee per day: the sum of out_time - in_time."""
    spent = employees.assign(total_time=employees["out_time"] - employees["in_time"])
    # min_count=1: a group whose every value is NULL sums to NULL, as SQL's SUM does (pandas
    # would say 0 by default).
    totals = spent.groupby(["event_day", "emp_id"], as_index=False)["total_time"].sum(min_count=1)
    return totals.rename(columns={"event_day": "day"})[["day", "emp_id", "total_time"]]
