"""1757. Recyclable and Low Fat Products: two flags, both 'Y'."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.strategies import frame

STATEMENT = """
Each product has two flags, low_fats and recyclable, each 'Y' or 'N' (or unknown). List the
product_id of every product whose two flags are both 'Y', in any order. An unknown flag does
not count as 'Y'.
"""


def recyclable_and_low_fat_products(products: pd.DataFrame) -> pd.DataFrame:
    """Ids of the products that are both low fat and recyclable."""
    # Each comparison needs its own parentheses: & binds tighter than ==.
    # A NULL flag compares as False (None == "Y" is False), as SQL's NULL = 'Y' filters it out.
    both = (products["low_fats"] == "Y") & (products["recyclable"] == "Y")
    return products.loc[both, ["product_id"]]


@wrong("a missing value is not 'N': None != 'N' is True in pandas", "3. `IS NULL` next to `isna`")
def not_no_is_yes(products: pd.DataFrame) -> pd.DataFrame:
    """'Not N' taken for 'Y': an unknown flag passes."""
    both = (products["low_fats"] != "N") & (products["recyclable"] != "N")
    return products.loc[both, ["product_id"]]


def tables() -> st.SearchStrategy:
    """Small Products tables with Y, N and unknown flags."""
    products = frame(
        {
            "product_id": st.integers(0, 40),
            "low_fats": st.sampled_from(["Y", "N", None]),
            "recyclable": st.sampled_from(["Y", "N", None]),
        },
        {"product_id": "Int64"},
        unique=("product_id",),
    )
    return st.fixed_dictionaries({"Products": products})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Products with n rows of random Y/N flags (a few NULL)."""
    flags = np.array(["Y", "N", None], dtype=object)
    products = pd.DataFrame(
        {
            "product_id": pd.Series(np.arange(n), dtype="Int64"),
            "low_fats": rng.choice(flags, n, p=[0.5, 0.45, 0.05]),
            "recyclable": rng.choice(flags, n, p=[0.5, 0.45, 0.05]),
        }
    )
    return {"Products": products}


EXERCISE = Exercise(
    number=1757,
    title="Recyclable and Low Fat Products",
    statement=STATEMENT,
    inputs=("Products",),
    solve=recyclable_and_low_fat_products,
    strategy=tables,
    generate=generate,
    expected_dtypes={"product_id": "Int64"},
    hints=(
        "Both flags must be 'Y': AND in SQL, & in pandas.",
        "In pandas, & binds tighter than ==: wrap each comparison in parentheses.",
        "Compare with 'Y' itself, not 'anything but N': an unknown flag is neither.",
    ),
    wrong=(not_no_is_yes,),
)
