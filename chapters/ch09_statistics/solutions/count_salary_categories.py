"""1907. Count Salary Categories, in pandas."""

import numpy as np
import pandas as pd

CATEGORIES = ["Low Salary", "Average Salary", "High Salary"]


def count_salary_categories(accounts: pd.DataFrame) -> pd.DataFrame:
    """How many accounts fall in each income category, all three listed even when empty."""
    income = accounts["income"]
    conditions = [
        (income < 20_000).fillna(False).to_numpy(bool),
        (income <= 50_000).fillna(False).to_numpy(bool),  # np.select takes the first match
        (income > 50_000).fillna(False).to_numpy(bool),
    ]
    category = pd.Series(np.select(conditions, CATEGORIES, default="none"), dtype=object)
    # value_counts() only knows the categories it saw; reindex brings back the others as 0.
    counts = category.value_counts().reindex(CATEGORIES, fill_value=0)
    return counts.rename_axis("category").reset_index(name="accounts_count")
