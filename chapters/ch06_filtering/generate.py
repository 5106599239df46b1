"""Big input tables for the benchmark: `generate(n, rng)` per exercise, vectorised with numpy."""

from __future__ import annotations

import numpy as np
import pandas as pd


def labels(prefix: str, ids: np.ndarray) -> pd.Series:
    """Distinct strings like "c17" for an array of ids (vectorised, no Python loop)."""
    return prefix + pd.Series(ids).astype(str).astype(object)


def with_nulls(values: np.ndarray, rng: np.random.Generator, share: float) -> pd.Series:
    """Integers as a nullable Int64 column, about `share` of them NULL."""
    column = pd.Series(values, dtype="Int64")
    return column.mask(rng.random(len(values)) < share)


def big_countries(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """World with n countries; about a fifth of them big."""
    world = pd.DataFrame(
        {
            "name": labels("country", np.arange(n)),
            "continent": rng.choice(np.array(["Africa", "Asia", "Europe"], dtype=object), n),
            "area": with_nulls(rng.integers(0, 4_000_000, n), rng, 0.05),
            "population": with_nulls(rng.integers(0, 32_000_000, n), rng, 0.05),
            "gdp": pd.Series(rng.integers(0, 10**13, n), dtype="Int64"),
        }
    )
    return {"World": world}


def recyclable_and_low_fat_products(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
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


def customers_who_never_order(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n customers and n orders, placed by about 60% of the customers."""
    customers = pd.DataFrame(
        {"id": pd.Series(np.arange(n), dtype="Int64"), "name": labels("customer", np.arange(n))}
    )
    buyers = rng.integers(0, n, n)
    orders = pd.DataFrame(
        {"id": pd.Series(np.arange(n), dtype="Int64"), "customerId": with_nulls(buyers, rng, 0.01)}
    )
    return {"Customers": customers, "Orders": orders}


def article_views_i(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n views by n/10 people of n/5 articles; about 1 view in 10 is the author's own."""
    people = max(n // 10, 1)
    author = rng.integers(0, people, n)
    viewer = np.where(rng.random(n) < 0.1, author, rng.integers(0, people, n))
    days = np.datetime64("2024-01-01") + rng.integers(0, 365, n).astype("timedelta64[D]")
    views = pd.DataFrame(
        {
            "article_id": pd.Series(rng.integers(0, max(n // 5, 1), n), dtype="Int64"),
            "author_id": pd.Series(author, dtype="Int64"),
            "viewer_id": with_nulls(viewer, rng, 0.01),
            "view_date": pd.Series(days).astype("datetime64[ns]"),
        }
    )
    return {"Views": views}
