"""1484. Group Sold Products By The Date: a sorted, distinct list per group, exact strings."""

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import days, text
from chapters.sqlkit.strategies import frame

STATEMENT = """
Activities lists what was sold on which day; a product may appear several times a day. For
each sell_date report num_sold, the number of different products sold that day, and
products, their names sorted and joined with commas. Names are compared and sorted exactly,
character by character (Python's order: 'Pen' and 'pen' are two products, 'Z' sorts before
'a'). Order the rows by sell_date.
"""


def products_by_date(activities: pd.DataFrame) -> pd.DataFrame:
    """Per day: how many different products sold, and their names sorted, joined by commas."""
    # Exact strings are distinct products ('Pen' is not 'pen') and sorting is by code point;
    # the SQL side asks for the same with COLLATE utf8mb4_bin.
    sold = activities.drop_duplicates().sort_values(["sell_date", "product"])
    return sold.groupby("sell_date", as_index=False).agg(
        num_sold=("product", "nunique"), products=("product", ",".join)
    )


@wrong("the list repeats a product sold twice that day", "4. GROUP_CONCAT next to a sorted join")
def repeats_in_the_list(activities: pd.DataFrame) -> pd.DataFrame:
    """Sorted but not deduplicated: nunique counts right, the joined names repeat."""
    sold = activities.sort_values(["sell_date", "product"])
    return sold.groupby("sell_date", as_index=False).agg(
        num_sold=("product", "nunique"), products=("product", ",".join)
    )


# Exact-case product names without spaces: under COLLATE utf8mb4_bin, SQL compares and sorts
# them by code point like Python (a trailing space would still be ignored: PAD SPACE).
PRODUCT = st.text(st.sampled_from(list("abzABZé_-😀")), min_size=1, max_size=4)


def tables() -> st.SearchStrategy:
    """Three days and short names mixing case, accents and emoji, repeats allowed."""
    activities = frame(
        {"sell_date": st.dates(dt.date(2024, 2, 28), dt.date(2024, 3, 1)), "product": PRODUCT},
        {"sell_date": "datetime64[ns]"},
        max_rows=15,
    )
    return st.fixed_dictionaries({"Activities": activities})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n sales over a year of 250 product names that differ in case ('Pen7' and 'pen7')."""
    stems = np.array(["Pen", "pen", "Ink", "ink", "Zip"], dtype=object)
    activities = pd.DataFrame(
        {
            "sell_date": days(rng.integers(0, 365, n)),
            "product": text(pd.Series(rng.choice(stems, n)), rng.integers(0, 50, n)),
        }
    )
    return {"Activities": activities}


EXERCISE = Exercise(
    number=1484,
    title="Group Sold Products By The Date",
    statement=STATEMENT,
    inputs=("Activities",),
    solve=products_by_date,
    strategy=tables,
    generate=generate,
    ordered=True,
    expected_dtypes={"sell_date": "datetime64[ns]", "num_sold": "Int64"},
    hints=(
        "One row per day: group by sell_date, and build two aggregates, a count and a list.",
        "Each product once per day, sorted: GROUP_CONCAT(DISTINCT ... ORDER BY ... SEPARATOR "
        "','); in pandas drop the duplicate rows and sort before ','.join.",
        "The table's collation ignores case, and the task does not: write COLLATE utf8mb4_bin "
        "after product in the COUNT(DISTINCT ...), the DISTINCT and the ORDER BY. Finish with "
        "ORDER BY sell_date.",
    ),
    wrong=(repeats_in_the_list,),
)
