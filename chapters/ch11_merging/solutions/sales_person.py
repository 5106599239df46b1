"""607. Sales Person, in pandas."""

import pandas as pd


def sales_person(
    sales_person: pd.DataFrame, company: pd.DataFrame, orders: pd.DataFrame
) -> pd.DataFrame:
    """Salespeople who never sold to the company named exactly 'RED'."""
    red = company.loc[company["name"] == "RED", "com_id"]
    sold_to_red = orders.loc[orders["com_id"].isin(red), "sales_id"]
    # ~isin is an anti-join that ignores a NULL in sold_to_red; SQL's NOT IN would not.
    return sales_person.loc[~sales_person["sales_id"].isin(sold_to_red), ["name"]]
