"""1795. Rearrange Products Table: unpivot with melt and UNION ALL, and drop the NULL prices."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ids, ints
from chapters.sqlkit.strategies import frame

STATEMENT = """
Products has one price column per store (store1, store2, store3); NULL means the store does
not sell the product. Turn it into one row per product and store that sells it: product_id,
store (the column's name) and price, in any order.
"""


def rearrange_products_table(products: pd.DataFrame) -> pd.DataFrame:
    """One row per (product, store) where the product is sold: wide columns to long rows."""
    long = products.melt(
        id_vars="product_id",
        value_vars=["store1", "store2", "store3"],
        var_name="store",
        value_name="price",
    )
    return long.dropna(subset=["price"])  # melt keeps the NULL prices; the question does not


@wrong("melt keeps the NULL prices: a store that does not sell the product gets a row",
       "5. Unpivoting: columns to rows")
def melt_only(products: pd.DataFrame) -> pd.DataFrame:
    """melt alone: one row per product and store, sold or not."""
    return products.melt(
        id_vars="product_id",
        value_vars=["store1", "store2", "store3"],
        var_name="store",
        value_name="price",
    )


def tables() -> st.SearchStrategy:
    """Small Products tables whose prices are often NULL (and sometimes 0)."""
    price = st.one_of(st.none(), st.integers(0, 1000))
    products = frame(
        {"product_id": st.integers(1, 10_000), "store1": price, "store2": price, "store3": price},
        {"product_id": "Int64", "store1": "Int64", "store2": "Int64", "store3": "Int64"},
        unique=("product_id",),
    )
    return st.fixed_dictionaries({"Products": products})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Products(product_id, store1, store2, store3): each price NULL with probability 0.3."""
    products = pd.DataFrame({"product_id": ids(n)})
    for store in ("store1", "store2", "store3"):
        products[store] = ints(rng.integers(0, 1000, n), rng, 0.3)
    return {"Products": products}


EXERCISE = Exercise(
    number=1795,
    title="Rearrange Products Table",
    statement=STATEMENT,
    inputs=("Products",),
    solve=rearrange_products_table,
    strategy=tables,
    generate=generate,
    expected_dtypes={"product_id": "Int64", "price": "Int64"},
    hints=(
        "Wide to long: each of the three store columns becomes rows of its own, with the "
        "column's name as the store.",
        "MySQL has no UNPIVOT: one SELECT per store column, with the name as a string literal "
        "('store1' AS store), stacked with UNION ALL. pandas has melt.",
        "A NULL price means the store does not sell it: WHERE storeN IS NOT NULL in each SELECT, "
        "dropna(subset=['price']) after melt. A price of 0 is still a price.",
    ),
    wrong=(melt_only,),
)
