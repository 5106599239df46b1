"""2082. The Number of Rich Customers, in pandas."""

import pandas as pd


def count_rich_customers(store: pd.DataFrame) -> pd.DataFrame:
    """How many distinct customers have at least one bill above 500."""
    rich = store.loc[(store["amount"] > 500).fillna(False), "customer_id"]
    # nunique() skips NaN by default, as COUNT(DISTINCT customer_id) skips NULL.
    return pd.DataFrame({"rich_count": [rich.nunique()]})
