"""2082. The Number of Rich Customers: COUNT(DISTINCT col) next to nunique, NULL left out."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ids, ints
from chapters.sqlkit.strategies import frame

STATEMENT = """
A customer is rich when at least one of their bills is above 500 (500 itself is not). Report
how many distinct rich customers there are, as one row with one column, rich_count. Bills with
no customer or no amount count for nobody.
"""


def number_of_rich_customers(store: pd.DataFrame) -> pd.DataFrame:
    """How many distinct customers have at least one bill above 500."""
    rich = store.loc[(store["amount"] > 500).fillna(False), "customer_id"]
    # nunique() skips NaN by default, as COUNT(DISTINCT customer_id) skips NULL.
    return pd.DataFrame({"rich_count": [rich.nunique()]})


@wrong("unique() keeps a missing customer; nunique() and COUNT(DISTINCT ...) skip it",
       "1. Counting three ways")
def length_of_unique(store: pd.DataFrame) -> pd.DataFrame:
    """The number of distinct values taken as len(unique()): <NA> is one of them."""
    rich = store.loc[(store["amount"] > 500).fillna(False), "customer_id"]
    return pd.DataFrame({"rich_count": [len(rich.unique())]})


@wrong("a customer with two big bills is one customer: count distinct customers, not bills",
       "1. Counting three ways")
def counts_bills(store: pd.DataFrame) -> pd.DataFrame:
    """The number of bills above 500, not of customers."""
    return pd.DataFrame({"rich_count": [int((store["amount"] > 500).sum())]})


def ints_near(*limits: int) -> st.SearchStrategy:
    """NULL, a value on or next to a limit, or any value up to twice the largest limit."""
    edges = st.sampled_from([v + d for v in limits for d in (-1, 0, 1)])
    return st.one_of(st.none(), edges, st.integers(0, 2 * max(limits)))


def tables() -> st.SearchStrategy:
    """Bills of five customers at most (or none), with amounts on and around 500."""
    store = frame(
        {
            "bill_id": st.integers(1, 10_000),
            "customer_id": st.one_of(st.none(), st.integers(1, 5)),
            "amount": ints_near(500),
        },
        {"bill_id": "Int64", "customer_id": "Int64", "amount": "Int64"},
        unique=("bill_id",),
    )
    return st.fixed_dictionaries({"Store": store})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Store(bill_id, customer_id, amount): ~10 bills a customer, amounts 0..1000, 1% NULL."""
    store = pd.DataFrame(
        {
            "bill_id": ids(n),
            "customer_id": ints(rng.integers(1, max(2, n // 10), n), rng, 0.01),
            "amount": ints(rng.integers(0, 1001, n), rng, 0.01),
        }
    )
    return {"Store": store}


EXERCISE = Exercise(
    number=2082,
    title="The Number of Rich Customers",
    statement=STATEMENT,
    inputs=("Store",),
    solve=number_of_rich_customers,
    strategy=tables,
    generate=generate,
    expected_dtypes={"rich_count": "Int64"},
    hints=(
        "Keep the bills above 500 (strictly), then count customers, not bills.",
        "One customer may have several big bills: count each once. And a bill without a "
        "customer is nobody's.",
        "SQL: COUNT(DISTINCT customer_id) ... WHERE amount > 500 (it skips NULL). pandas: the "
        "customer_id of those bills, then nunique(), which skips <NA> too.",
    ),
    wrong=(length_of_unique, counts_bills),
)
