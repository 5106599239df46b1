"""Big input tables for the benchmark (`make bench`): `generate(n, rng)` per exercise, vectorised."""

from __future__ import annotations

import numpy as np
import pandas as pd


def ints(values: np.ndarray, rng: np.random.Generator | None = None, null_share: float = 0.0):
    """A nullable Int64 column; about `null_share` of it NULL."""
    column = pd.Series(values, dtype="Int64")
    if rng is not None and null_share > 0:
        column = column.mask(rng.random(len(values)) < null_share)
    return column


def days(offsets: np.ndarray, start: str = "2024-01-01") -> pd.Series:
    """Dates `offsets` days after `start`, as datetime64[ns]."""
    return pd.Series(np.datetime64(start) + offsets.astype("timedelta64[D]")).astype(
        "datetime64[ns]"
    )


def text(prefix: str | pd.Series, ids: np.ndarray) -> pd.Series:
    """Strings like "class17", built column-wise (no loop over rows)."""
    return (prefix + pd.Series(ids).astype(str)).astype(object)


def total_time(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
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


def game_play_analysis_i(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n logins of n/50 players on distinct days, rows shuffled."""
    k = rng.permutation(n)
    players = max(n // 50, 1)
    activity = pd.DataFrame(
        {
            "player_id": ints(k % players),
            "device_id": ints(rng.integers(0, 5, n), rng, 0.05),
            "event_date": days(k // players),
            "games_played": ints(rng.integers(0, 10, n), rng, 0.05),
        }
    )
    return {"Activity": activity}


def unique_subjects(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n (subject, department) pairs, 10 departments, taught by n/20 teachers (1% unassigned)."""
    k = np.arange(n)
    teacher = pd.DataFrame(
        {
            "teacher_id": ints(rng.integers(0, max(n // 20, 1), n), rng, 0.01),
            "subject_id": ints(k // 10),
            "dept_id": ints(k % 10),
        }
    )
    return {"Teacher": teacher}


def classes_more_than_5(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n distinct students spread over n/6 classes: about half the classes reach five."""
    courses = pd.DataFrame(
        {
            "student": text("student", np.arange(n)),
            "class": text("class", rng.integers(0, max(n // 6, 1), n)),
        }
    )
    return {"Courses": courses}


def largest_orders(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n orders by n/10 customers."""
    orders = pd.DataFrame(
        {
            "order_number": ints(np.arange(n)),
            "customer_number": ints(rng.integers(0, max(n // 10, 1), n)),
        }
    )
    return {"Orders": orders}


def products_by_date(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n sales over a year of 250 product names that differ in case ('Pen7' and 'pen7')."""
    stems = np.array(["Pen", "pen", "Ink", "ink", "Zip"], dtype=object)
    activities = pd.DataFrame(
        {
            "sell_date": days(rng.integers(0, 365, n)),
            "product": text(pd.Series(rng.choice(stems, n)), rng.integers(0, 50, n)),
        }
    )
    return {"Activities": activities}


def daily_leads(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n sales over 30 days and six makes (one NULL); ids repeat, 1% NULL."""
    makes = np.array(["toyota", "Honda", "BMW", "kia", "Fiat", None], dtype=object)
    sales = pd.DataFrame(
        {
            "date_id": days(rng.integers(0, 30, n)),
            "make_name": rng.choice(makes, n),
            "lead_id": ints(rng.integers(0, max(n // 10, 1), n), rng, 0.01),
            "partner_id": ints(rng.integers(0, max(n // 50, 1), n), rng, 0.01),
        }
    )
    return {"DailySales": sales}
