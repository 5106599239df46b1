"""1693. Daily Leads and Partners, in pandas."""

import pandas as pd


def daily_leads_and_partners(daily_sales: pd.DataFrame) -> pd.DataFrame:
    """Distinct leads and distinct partners per (date_id, make_name)."""
    # dropna=False: a NULL make_name is a group, as in GROUP BY; nunique skips NULL values
    # just as COUNT(DISTINCT ...) does.
    return daily_sales.groupby(["date_id", "make_name"], as_index=False, dropna=False).agg(
        unique_leads=("lead_id", "nunique"), unique_partners=("partner_id", "nunique")
    )
