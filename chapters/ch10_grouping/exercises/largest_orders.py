"""586. Customer Placing the Largest Number of Orders: the largest count, and every tie."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ints
from chapters.sqlkit.strategies import frame

STATEMENT = """
Orders holds one row per order and the customer who placed it. Report the customer who
placed the most orders. When several customers share the largest count, report every one of
them (one row each); with no orders at all, report no row. Any order.
"""

TIES = '7. Ties: "the" customer with the most orders'


def largest_orders(orders: pd.DataFrame) -> pd.DataFrame:
    """Every customer whose number of orders equals the largest (all of them on a tie)."""
    counts = orders.groupby("customer_number").size()
    # idxmax() would keep only the first of tied customers: compare with the max instead.
    return counts[counts == counts.max()].index.to_frame(index=False)


@wrong("the top row of a count keeps one of the tied customers", TIES, picks_among_ties=True)
def top_row_only(orders: pd.DataFrame) -> pd.DataFrame:
    """value_counts() sorted, then head(1): when two customers tie, one of them is dropped."""
    counts = orders["customer_number"].value_counts()
    return counts.head(1).index.to_frame(index=False)


def tables() -> st.SearchStrategy:
    """A handful of customers, so that ties for the largest count are common."""
    orders = frame(
        {"order_number": st.integers(1, 10**6), "customer_number": st.integers(0, 4)},
        {"order_number": "Int64", "customer_number": "Int64"},
        unique=("order_number",),
    )
    return st.fixed_dictionaries({"Orders": orders})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n orders by n/10 customers."""
    orders = pd.DataFrame(
        {
            "order_number": ints(np.arange(n)),
            "customer_number": ints(rng.integers(0, max(n // 10, 1), n)),
        }
    )
    return {"Orders": orders}


EXERCISE = Exercise(
    number=586,
    title="Customer Placing the Largest Number of Orders",
    statement=STATEMENT,
    inputs=("Orders",),
    solve=largest_orders,
    strategy=tables,
    generate=generate,
    expected_dtypes={"customer_number": "Int64"},
    hints=(
        "Count the orders of each customer first.",
        "Two customers may share the largest count, and both must be reported: sorting and "
        "keeping the top row (LIMIT 1, head(1), idxmax) keeps only one of them.",
        "Compare each count with the largest count: in SQL a HAVING COUNT(*) = (SELECT MAX(...) "
        "FROM (... GROUP BY customer_number) AS t), in pandas counts[counts == counts.max()].",
    ),
    wrong=(top_row_only,),
)
