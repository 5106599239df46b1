"""1795. Rearrange Products Table, in pandas."""

import pandas as pd


def rearrange_products_table(products: pd.DataFrame) -> pd.DataFrame:
    """One row per (product, store) where the product is sold: wide columns to long rows."""
    long = products.melt(
        id_vars="product_id",
        value_vars=["store1", "store2", "store3"],
        var_name="store",
        value_name="price",
    )
    return long.dropna(subset=["price"])  # melt keeps the NULL prices; the question does not
