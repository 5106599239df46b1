"""1757. Recyclable and Low Fat Products, in pandas."""

import pandas as pd


def find_products(products: pd.DataFrame) -> pd.DataFrame:
    """Ids of the products that are both low fat and recyclable."""
    # Each comparison needs its own parentheses: & binds tighter than ==.
    # A NULL flag compares as False (None == "Y" is False), as SQL's NULL = 'Y' filters it out.
    both = (products["low_fats"] == "Y") & (products["recyclable"] == "Y")
    return products.loc[both, ["product_id"]]
