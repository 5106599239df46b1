"""Ranking: pandas' rank(method=...) next to SQL's RANK, DENSE_RANK and ROW_NUMBER."""

from __future__ import annotations

import pandas as pd

from chapters.sqlkit.db import quote

# rank(method=...) -> the window function that numbers rows the same way (ORDER BY the value).
# "average" has no SQL twin: tied rows share the mean of the places they take (1.5, 1.5).
SQL_TWIN = {"min": "RANK()", "dense": "DENSE_RANK()", "first": "ROW_NUMBER()", "average": None}


def rank_table(values: pd.Series, ascending: bool = False) -> pd.DataFrame:
    """The values with the rank each method gives, one column per method (default first)."""
    if not isinstance(values, pd.Series):
        raise TypeError(f"values must be a pandas Series, got {type(values).__name__}")
    table = pd.DataFrame({"value": values})
    for method in ("average", "min", "dense", "first"):
        table[method] = values.rank(method=method, ascending=ascending)
    return table


def ranking_sql(table: str, column: str, tie_break: str) -> str:
    """A query giving RANK, DENSE_RANK and ROW_NUMBER of `column`, highest first.

    ROW_NUMBER numbers tied rows in whatever order the server meets them; `tie_break` (a
    column) makes it repeatable, as rank(method="first") uses the row order.
    """
    t, c, k = quote(table), quote(column), quote(tie_break)
    return (
        f"SELECT {c} AS value,\n"
        f"       RANK() OVER (ORDER BY {c} DESC) AS `min`,\n"
        f"       DENSE_RANK() OVER (ORDER BY {c} DESC) AS `dense`,\n"
        f"       ROW_NUMBER() OVER (ORDER BY {c} DESC, {k}) AS `first`\n"
        f"FROM {t}\nORDER BY {c} DESC, {k}"
    )
