"""1173. Immediate Food Delivery I: the average of a condition, rounded half away from zero."""

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.ch09_statistics.rounding import percentage_half_up
from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import days, ids, ints
from chapters.sqlkit.strategies import frame

STATEMENT = """
An order is immediate when the customer wants it delivered on the day it was placed
(customer_pref_delivery_date = order_date). Report the percentage of immediate orders, rounded
to 2 decimal places half away from zero (as MySQL rounds exact numbers), as
immediate_percentage; NULL when there are no orders.
"""


def immediate_food_delivery(delivery: pd.DataFrame) -> pd.DataFrame:
    """The percentage of orders wanted on the day they were placed, rounded to 2 places."""
    immediate = int((delivery["order_date"] == delivery["customer_pref_delivery_date"]).sum())
    # Not round(100 * mean, 2): numpy rounds half to even, so 5 of 32 orders (15.625 %) would
    # give 15.62 where MySQL's ROUND gives 15.63. See rounding.py.
    value = percentage_half_up(immediate, len(delivery), places=2)
    return pd.DataFrame({"immediate_percentage": pd.array([value], dtype="Float64")})


@wrong("ROUND: half to even in pandas vs half away from zero in MySQL",
       "3. Rounding: half away from zero, or half to even")
def round_the_mean(delivery: pd.DataFrame) -> pd.DataFrame:
    """The obvious answer: round(100 * mean, 2), which rounds 15.625 down to 15.62."""
    immediate = delivery["order_date"] == delivery["customer_pref_delivery_date"]
    value = round(100 * immediate.mean(), 2)
    return pd.DataFrame({"immediate_percentage": pd.array([value], dtype="Float64")})


@wrong("Decimal's default rounding is half to even too: ask for ROUND_HALF_UP",
       "3. Rounding: half away from zero, or half to even")
def decimal_default_rounding(delivery: pd.DataFrame) -> pd.DataFrame:
    """Exact arithmetic with Decimal, but quantize() with the context's rounding, half to even."""
    immediate = int((delivery["order_date"] == delivery["customer_pref_delivery_date"]).sum())
    value = None
    if len(delivery):
        value = float((Decimal(100 * immediate) / Decimal(len(delivery))).quantize(Decimal("0.01")))
    return pd.DataFrame({"immediate_percentage": pd.array([value], dtype="Float64")})


def tables() -> st.SearchStrategy:
    """Up to 40 orders over four days, and sometimes exactly 32, where rounding ties appear."""
    day = st.dates(dt.date(2025, 1, 1), dt.date(2025, 1, 4))

    def orders(min_rows: int, max_rows: int) -> st.SearchStrategy:
        return frame(
            {
                "delivery_id": st.integers(1, 10_000),
                "customer_id": st.one_of(st.none(), st.integers(1, 5)),
                "order_date": day,
                "customer_pref_delivery_date": day,
            },
            {
                "delivery_id": "Int64",
                "customer_id": "Int64",
                "order_date": "datetime64[ns]",
                "customer_pref_delivery_date": "datetime64[ns]",
            },
            unique=("delivery_id",),
            min_rows=min_rows,
            max_rows=max_rows,
        )

    # A tie at the third decimal needs 32 orders (100 * k / 32 for an odd k: 15.625 for 5), or
    # a multiple of 32. Random list sizes rarely hit 32 exactly, so that size is drawn on purpose.
    return st.fixed_dictionaries({"Delivery": st.one_of(orders(0, 40), orders(32, 32))})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Delivery(...): orders over a year, wanted 0-2 days later (about a third the same day)."""
    order = rng.integers(0, 365, n)
    wanted = order + rng.integers(0, 3, n)
    delivery = pd.DataFrame(
        {
            "delivery_id": ids(n),
            "customer_id": ints(rng.integers(1, max(2, n // 5), n)),
            "order_date": days(order, "2025-01-01"),
            "customer_pref_delivery_date": days(wanted, "2025-01-01"),
        }
    )
    return {"Delivery": delivery}


EXERCISE = Exercise(
    number=1173,
    title="Immediate Food Delivery I",
    statement=STATEMENT,
    inputs=("Delivery",),
    solve=immediate_food_delivery,
    strategy=tables,
    generate=generate,
    expected_dtypes={"immediate_percentage": "float64"},
    hints=(
        "A comparison is a number in MySQL (1 or 0), and a boolean Series has a mean(): the "
        "average of `order_date = customer_pref_delivery_date` is the share of immediate orders.",
        "MySQL's ROUND on an exact number goes half away from zero (15.625 -> 15.63); pandas, "
        "numpy and Python's round go half to even (15.62).",
        "SQL: ROUND(100 * AVG(order_date = customer_pref_delivery_date), 2). pandas: count the "
        "immediate orders and round 100 * count / total half up exactly, with integers or with "
        "Decimal and ROUND_HALF_UP; no orders gives NULL.",
    ),
    wrong=(round_the_mean, decimal_default_rounding),
)
