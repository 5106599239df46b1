"""SUM over no rows: NULL in SQL, 0 in pandas, unless you ask pandas for min_count=1."""

from __future__ import annotations

import pandas as pd


def sum_like_sql(values: pd.Series):
    """SUM as SQL does it: NULLs skipped, and NULL (here <NA>/NaN) when no value is left.

    >>> sum_like_sql(pd.Series([], dtype="Int64")), pd.Series([], dtype="Int64").sum()
    (<NA>, np.int64(0))
    """
    return values.sum(min_count=1)
