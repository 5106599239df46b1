"""183. Customers Who Never Order: an anti-join, and the NULL that breaks NOT IN."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ids, ints, text
from chapters.sqlkit.strategies import frame, tricky_text

STATEMENT = """
Customers lists people by id; Orders lists orders, each with the customerId of the buyer (an
order may have no known buyer, and a customerId may match nobody). List, in a column named
Customers, the name of every customer who placed no order at all, in any order. Two customers
may share a name: list each of them.
"""


def customers_who_never_order(customers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """Names of the customers with no order (an anti-join)."""
    # isin ignores a missing customerId, like NOT EXISTS and unlike NOT IN (see the lesson).
    ordered = customers["id"].isin(orders["customerId"].dropna())
    return customers.loc[~ordered, ["name"]].rename(columns={"name": "Customers"})


@wrong("a name is not a key: DISTINCT merges two customers", "5. `DISTINCT` and `drop_duplicates`")
def one_row_per_name(customers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """The right customers, but two of them with the same name become one row."""
    ordered = customers["id"].isin(orders["customerId"].dropna())
    names = customers.loc[~ordered, ["name"]].drop_duplicates()
    return names.rename(columns={"name": "Customers"})


def tables() -> st.SearchStrategy:
    """Few customer ids, and orders whose customerId is NULL, nobody's, or repeated."""
    small_id = st.integers(0, 8)
    customers = frame(
        # Plain names first, so that a shrunk input reads easily; NULL and odd text too.
        {"id": small_id, "name": st.one_of(st.sampled_from(["Ann", "Bo", None]), tricky_text())},
        {"id": "Int64"},
        unique=("id",),
    )
    orders = frame(
        {"id": st.integers(0, 50), "customerId": st.one_of(st.none(), small_id)},
        {"id": "Int64", "customerId": "Int64"},
        unique=("id",),
    )
    return st.fixed_dictionaries({"Customers": customers, "Orders": orders})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n customers and n orders, placed by about 60% of the customers."""
    customers = pd.DataFrame({"id": ids(n) - 1, "name": text("customer", np.arange(n))})
    orders = pd.DataFrame({"id": ids(n) - 1, "customerId": ints(rng.integers(0, n, n), rng, 0.01)})
    return {"Customers": customers, "Orders": orders}


EXERCISE = Exercise(
    number=183,
    title="Customers Who Never Order",
    statement=STATEMENT,
    inputs=("Customers", "Orders"),
    solve=customers_who_never_order,
    strategy=tables,
    generate=generate,
    hints=(
        "This is an anti-join: keep the customers for whom no row of Orders exists.",
        "Look at the customerId column: it may be NULL. What does `3 NOT IN (1, NULL)` give?",
        "SQL: WHERE NOT EXISTS (SELECT 1 FROM Orders o WHERE o.customerId = c.id). "
        "pandas: ~customers['id'].isin(orders['customerId'].dropna()), then rename the column.",
    ),
    wrong=(one_row_per_name,),
)
