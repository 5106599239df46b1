"""1693. Daily Leads and Partners: two COUNT(DISTINCT ...) per group, a NULL make kept."""

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import days, ints
from chapters.sqlkit.strategies import frame

STATEMENT = """
Each row of DailySales is a sale of a car of make make_name on date_id, through lead lead_id
and partner partner_id (rows may repeat). For every date and make, count the different leads
(unique_leads) and the different partners (unique_partners); NULL ids are not counted, and a
NULL make_name is a group of its own. Any order. Each make is always spelled the same way
('Honda' never also as 'honda', which the server would put in the same group).
"""

NULL_KEYS = "5. NULL keys: a group in SQL, gone in pandas"


def daily_leads(daily_sales: pd.DataFrame) -> pd.DataFrame:
    """Distinct leads and distinct partners per (date_id, make_name)."""
    # dropna=False: a NULL make_name is a group, as in GROUP BY; nunique skips NULL values
    # just as COUNT(DISTINCT ...) does.
    return daily_sales.groupby(["date_id", "make_name"], as_index=False, dropna=False).agg(
        unique_leads=("lead_id", "nunique"), unique_partners=("partner_id", "nunique")
    )


@wrong("groupby drops the rows whose make_name is NULL", NULL_KEYS)
def null_make_dropped(daily_sales: pd.DataFrame) -> pd.DataFrame:
    """groupby's default dropna=True: sales with no make_name vanish instead of forming a group."""
    return daily_sales.groupby(["date_id", "make_name"], as_index=False).agg(
        unique_leads=("lead_id", "nunique"), unique_partners=("partner_id", "nunique")
    )


def tables() -> st.SearchStrategy:
    """Three days, three makes (or NULL), and few ids, so that rows repeat within a group."""
    small_id = st.one_of(st.none(), st.integers(0, 3))
    sales = frame(
        {
            "date_id": st.dates(dt.date(2024, 2, 28), dt.date(2024, 3, 1)),
            "make_name": st.one_of(st.none(), st.sampled_from(["toyota", "Honda", "BMW"])),
            "lead_id": small_id,
            "partner_id": small_id,
        },
        {"date_id": "datetime64[ns]", "lead_id": "Int64", "partner_id": "Int64"},
        max_rows=15,
    )
    return st.fixed_dictionaries({"DailySales": sales})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
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


EXERCISE = Exercise(
    number=1693,
    title="Daily Leads and Partners",
    statement=STATEMENT,
    inputs=("DailySales",),
    solve=daily_leads,
    strategy=tables,
    generate=generate,
    expected_dtypes={
        "date_id": "datetime64[ns]",
        "unique_leads": "Int64",
        "unique_partners": "Int64",
    },
    hints=(
        "One row per (date_id, make_name): group by both columns.",
        "Rows repeat, so count different values: COUNT(DISTINCT lead_id) in SQL, 'nunique' in "
        "pandas; both skip NULL ids.",
        "A NULL make_name is a group in SQL's GROUP BY; pandas drops it unless you write "
        "groupby([...], dropna=False).",
    ),
    wrong=(null_make_dropped,),
)
