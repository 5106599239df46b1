"""586. Customer Placing the Largest Number of Orders, in pandas."""

import pandas as pd


def largest_orders(orders: pd.DataFrame) -> pd.DataFrame:
    """Every customer whose number of orders equals the largest (all of them on a tie)."""
    counts = orders.groupby("customer_number").size()
    # idxmax() would keep only the first of tied customers: compare with the max instead.
    return counts[counts == counts.max()].index.to_frame(index=False)
