"""Unpivoting: wide columns to long rows, melt() next to a UNION ALL of one SELECT per column."""

from __future__ import annotations

import pandas as pd

from chapters.sqlkit.db import check_identifier, quote


def unpivot(
    frame: pd.DataFrame, id_column: str, columns: list[str], name: str = "store", value: str = "price"
) -> pd.DataFrame:
    """One row per (id, column) whose value is not NULL: melt, then drop the NULLs."""
    long = frame.melt(id_vars=id_column, value_vars=columns, var_name=name, value_name=value)
    return long.dropna(subset=[value])


def unpivot_sql(
    table: str, id_column: str, columns: list[str], name: str = "store", value: str = "price"
) -> str:
    """The MySQL twin of `unpivot`; the column's (checked) name becomes a string literal."""
    if not columns:
        raise ValueError("unpivot needs at least one column")
    selects = [
        f"SELECT {quote(id_column)}, '{check_identifier(c)}' AS {quote(name)}, "
        f"{quote(c)} AS {quote(value)} FROM {quote(table)} WHERE {quote(c)} IS NOT NULL"
        for c in columns
    ]
    return "\nUNION ALL\n".join(selects)
