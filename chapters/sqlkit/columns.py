"""Column builders for the benchmark's big input tables: vectorised, no loop over rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

LETTERS = np.array(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), dtype=object)


def ids(n: int) -> pd.Series:
    """1, 2, ..., n as Int64."""
    return pd.Series(np.arange(1, n + 1), dtype="Int64")


def ints(values: np.ndarray, rng: np.random.Generator | None = None, null_share: float = 0.0):
    """A nullable Int64 column; about `null_share` of it NULL."""
    column = pd.Series(values, dtype="Int64")
    if rng is not None and null_share > 0:
        column = column.mask(rng.random(len(values)) < null_share)
    return column


def text(prefix: str | pd.Series, numbers: np.ndarray) -> pd.Series:
    """Strings like "class17": a prefix and a number."""
    return (prefix + pd.Series(numbers).astype(str)).astype(object)


def days(offsets: np.ndarray, start: str = "2024-01-01") -> pd.Series:
    """Dates `offsets` days after `start`, as datetime64[ns]."""
    dates = np.datetime64(start) + np.asarray(offsets).astype("timedelta64[D]")
    return pd.Series(dates).astype("datetime64[ns]")


def words(n: int, rng: np.random.Generator, lo: int, hi: int) -> pd.Series:
    """n random strings of lo..hi letters (a loop over character positions, not rows)."""
    lengths = rng.integers(lo, hi + 1, n)
    result = pd.Series([""] * n, dtype=object)
    for position in range(hi):
        letter = pd.Series(rng.choice(LETTERS, n), dtype=object)
        result = result + letter.where(lengths > position, "")
    return result
