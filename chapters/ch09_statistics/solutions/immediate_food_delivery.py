"""1173. Immediate Food Delivery I, in pandas."""

import pandas as pd

from chapters.ch09_statistics.rounding import percentage_half_up


def food_delivery(delivery: pd.DataFrame) -> pd.DataFrame:
    """The percentage of orders wanted on the day they were placed, rounded to 2 places."""
    immediate = int((delivery["order_date"] == delivery["customer_pref_delivery_date"]).sum())
    # Not round(100 * mean, 2): numpy rounds half to even, so 5 of 32 orders (15.625 %) would
    # give 15.62 where MySQL's ROUND gives 15.63. See rounding.py.
    value = percentage_half_up(immediate, len(delivery), places=2)
    return pd.DataFrame({"immediate_percentage": pd.array([value], dtype="Float64")})
