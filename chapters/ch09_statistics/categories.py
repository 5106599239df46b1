"""Categories that must appear even with a count of 0: reindex in pandas, a categories list in SQL."""

from __future__ import annotations

import pandas as pd


def count_with_zeros(labels: pd.Series, categories: list[str]) -> pd.Series:
    """How often each of `categories` occurs in `labels`, 0 for those that never do.

    value_counts() (like GROUP BY) only knows the labels it meets; reindex adds the others.

    >>> count_with_zeros(pd.Series(["b", "b", "a"]), ["a", "b", "c"]).to_dict()
    {'a': 1, 'b': 2, 'c': 0}
    """
    if len(set(categories)) != len(categories):
        raise ValueError(f"categories must be distinct, got {categories}")
    unknown = set(labels.dropna()) - set(categories)
    if unknown:
        raise ValueError(f"labels outside the categories: {sorted(unknown)}")
    return labels.value_counts().reindex(categories, fill_value=0)
