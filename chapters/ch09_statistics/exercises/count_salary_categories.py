"""1907. Count Salary Categories: every category listed, with 0 where nobody falls."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ids, ints
from chapters.sqlkit.strategies import frame

STATEMENT = """
Sort the accounts by monthly income: "Low Salary" below 20000, "Average Salary" from 20000 to
50000 (both included), "High Salary" above 50000. Report category and accounts_count for all
three categories, in any order, with 0 where no account falls. An account without an income
falls in none.
"""


def count_salary_categories(accounts: pd.DataFrame) -> pd.DataFrame:
    """How many accounts fall in each income category, all three listed even when empty."""
    categories = ["Low Salary", "Average Salary", "High Salary"]
    income = accounts["income"]
    conditions = [
        (income < 20_000).fillna(False).to_numpy(bool),
        (income <= 50_000).fillna(False).to_numpy(bool),  # np.select takes the first match
        (income > 50_000).fillna(False).to_numpy(bool),
    ]
    category = pd.Series(np.select(conditions, categories, default="none"), dtype=object)
    # value_counts() only knows the categories it saw; reindex brings back the others as 0.
    counts = category.value_counts().reindex(categories, fill_value=0)
    return counts.rename_axis("category").reset_index(name="accounts_count")


@wrong("value_counts never invents a category: an empty one gets no row",
       "4. Categories with a count of 0")
def counts_of_what_is_there(accounts: pd.DataFrame) -> pd.DataFrame:
    """The categories counted as found: a category no account falls in is missing."""
    income = accounts["income"]
    conditions = [
        (income < 20_000).fillna(False).to_numpy(bool),
        (income <= 50_000).fillna(False).to_numpy(bool),
        (income > 50_000).fillna(False).to_numpy(bool),
    ]
    labels = ["Low Salary", "Average Salary", "High Salary"]
    category = pd.Series(np.select(conditions, labels, default="none"), dtype=object)
    counts = category[category != "none"].value_counts()
    return counts.rename_axis("category").reset_index(name="accounts_count")


def ints_near(*limits: int) -> st.SearchStrategy:
    """NULL, a value on or next to a limit, or any value up to twice the largest limit."""
    edges = st.sampled_from([v + d for v in limits for d in (-1, 0, 1)])
    return st.one_of(st.none(), edges, st.integers(0, 2 * max(limits)))


def tables() -> st.SearchStrategy:
    """Small Accounts tables (empty ones too) with incomes on and around 20000 and 50000."""
    accounts = frame(
        {"account_id": st.integers(1, 10_000), "income": ints_near(20_000, 50_000)},
        {"account_id": "Int64", "income": "Int64"},
        unique=("account_id",),
    )
    return st.fixed_dictionaries({"Accounts": accounts})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Accounts(account_id, income): incomes 0..100000, 1% NULL."""
    income = ints(rng.integers(0, 100_001, n), rng, 0.01)
    return {"Accounts": pd.DataFrame({"account_id": ids(n), "income": income})}


EXERCISE = Exercise(
    number=1907,
    title="Count Salary Categories",
    statement=STATEMENT,
    inputs=("Accounts",),
    solve=count_salary_categories,
    strategy=tables,
    generate=generate,
    expected_dtypes={"accounts_count": "Int64"},
    hints=(
        "Three rows always, even for a category no account falls in: start from the list of "
        "categories, not from the data.",
        "GROUP BY and value_counts only know the categories they meet. In SQL, one SELECT per "
        "category stacked with UNION ALL; in pandas, reindex the counts on the three names.",
        "COUNT(*) ... WHERE income < 20000 is 0 over no rows, SUM(income < 20000) is NULL. "
        "BETWEEN 20000 AND 50000 includes both ends; a NULL income matches no WHERE.",
    ),
    wrong=(counts_of_what_is_there,),
)
