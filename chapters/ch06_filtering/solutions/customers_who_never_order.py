"""183. Customers Who Never Order, in pandas."""

import pandas as pd


def find_customers(customers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """Names of the customers with no order (an anti-join)."""
    # isin ignores a missing customerId, like NOT EXISTS and unlike NOT IN (see the lesson).
    ordered = customers["id"].isin(orders["customerId"].dropna())
    return customers.loc[~ordered, ["name"]].rename(columns={"name": "Customers"})
