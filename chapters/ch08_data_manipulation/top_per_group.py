"""Top N per group with ties: keep every row whose dense rank inside its group is at most N."""

from __future__ import annotations

import pandas as pd

from chapters.sqlkit.db import quote


def top_n_per_group(frame: pd.DataFrame, group: str, value: str, n: int) -> pd.DataFrame:
    """Rows holding one of the n highest distinct `value`s of their `group` (ties all kept).

    Like `WHERE DENSE_RANK() OVER (PARTITION BY group ORDER BY value DESC) <= n`; rows with a
    NULL group or value are left out (groupby drops NaN keys; NULL is not a top value).
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive int, got {n!r}")
    for column in (group, value):
        if column not in frame.columns:
            raise KeyError(f"no column {column!r}; columns are {list(frame.columns)}")
    rank = frame.groupby(group)[value].rank(method="dense", ascending=False)
    return frame.loc[(rank <= n).fillna(False)]


def top_n_per_group_sql(table: str, group: str, value: str, n: int) -> str:
    """The same question as one MySQL query (a derived table, since WHERE cannot see a window)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive int, got {n!r}")
    g, v = quote(group), quote(value)
    return (
        f"SELECT * FROM (\n"
        f"    SELECT t.*, DENSE_RANK() OVER (PARTITION BY {g} ORDER BY {v} DESC) AS place\n"
        f"    FROM {quote(table)} AS t\n"
        f"    WHERE {g} IS NOT NULL AND {v} IS NOT NULL\n"
        f") AS ranked\nWHERE place <= {n}"
    )
