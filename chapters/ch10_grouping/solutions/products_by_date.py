"""1484. Group Sold Products By The Date, in pandas."""

import pandas as pd


def categorize_products(activities: pd.DataFrame) -> pd.DataFrame:
    """Per day: how many different products sold, and their names sorted, joined by commas."""
    # Exact strings are distinct products ('Pen' is not 'pen') and sorting is by code point;
    # the SQL side asks for the same with COLLATE utf8mb4_bin.
    sold = activities.drop_duplicates().sort_values(["sell_date", "product"])
    return sold.groupby("sell_date", as_index=False).agg(
        num_sold=("product", "nunique"), products=("product", ",".join)
    )
