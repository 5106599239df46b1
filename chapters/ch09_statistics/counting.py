"""Counting three ways: COUNT(*), COUNT(col), COUNT(DISTINCT col) next to size, count, nunique."""

from __future__ import annotations

import pandas as pd

from chapters.sqlkit.db import quote

# SQL aggregate -> the pandas method that counts the same rows.
TWINS = {"COUNT(*)": "size", "COUNT(col)": "count", "COUNT(DISTINCT col)": "nunique"}


def counts(column: pd.Series) -> dict[str, int]:
    """Rows, non-NULL values and distinct non-NULL values of one column, as pandas counts them.

    >>> counts(pd.Series([1, 1, 2, None]))
    {'size': 4, 'count': 3, 'nunique': 2}
    """
    if not isinstance(column, pd.Series):
        raise TypeError(f"column must be a pandas Series, got {type(column).__name__}")
    return {"size": int(column.size), "count": int(column.count()), "nunique": int(column.nunique())}


def counts_sql(table: str, column: str) -> str:
    """The three COUNTs of one column as one query, named like their pandas twins."""
    c = quote(column)
    return (
        f"SELECT COUNT(*) AS size, COUNT({c}) AS count, COUNT(DISTINCT {c}) AS nunique "
        f"FROM {quote(table)}"
    )
