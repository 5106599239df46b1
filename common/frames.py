"""Compare a pandas result with an SQL result (or a hand-written expectation), and say what differs.

Rules, chosen so that the same answer computed two ways compares equal:
* column names must match, in order;
* NULL, None, NaN, NaT and pd.NA are all "missing" and equal to each other;
* numbers compare by value whatever their type (int, float, numpy, Decimal, bool), floats within
  a tolerance;
* dates compare by value (datetime.date, datetime.datetime and pd.Timestamp alike);
* rows compare as a multiset unless `check_order=True`.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import numbers

import numpy as np
import pandas as pd

_MISSING = "<NULL>"


def normalize_value(value):
    """One canonical Python value per meaning: None, float, pd.Timestamp, str or the value itself."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float | np.floating) and math.isnan(value):
        return None
    if isinstance(value, bool | np.bool_):
        return float(value)
    if isinstance(value, numbers.Number | decimal.Decimal | np.number):
        return float(value)
    if isinstance(value, dt.datetime | dt.date | np.datetime64 | pd.Timestamp):
        return pd.Timestamp(value)
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return value


def _values_equal(a, b, rtol: float, atol: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=rtol, abs_tol=atol)
    if type(a) is not type(b):
        return False
    return a == b


def _sort_key(row: tuple) -> tuple:
    # Order by (type, value) so that mixed types and None never compare with each other.
    key = []
    for value in row:
        if value is None:
            key.append((0, ""))
        elif isinstance(value, float):
            key.append((1, round(value, 6)))
        elif isinstance(value, pd.Timestamp):
            key.append((2, value.value))
        else:
            key.append((3, str(value)))
    return tuple(key)


def _rows(frame: pd.DataFrame) -> list[tuple]:
    return [
        tuple(normalize_value(v) for v in row)
        for row in frame.astype(object).itertuples(index=False, name=None)
    ]


def _show(row: tuple) -> str:
    return "(" + ", ".join(_MISSING if v is None else repr(_display(v)) for v in row) + ")"


def _display(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.date().isoformat()
    return value


def frame_differences(
    actual: pd.DataFrame,
    expected: pd.DataFrame,
    *,
    check_order: bool = False,
    rtol: float = 1e-9,
    atol: float = 1e-9,
    max_rows: int = 10,
) -> list[str]:
    """Every difference between two frames, as lines a person can read (empty: they match)."""
    problems: list[str] = []
    if list(actual.columns) != list(expected.columns):
        return [f"columns differ: got {list(actual.columns)}, expected {list(expected.columns)}"]
    got, want = _rows(actual), _rows(expected)
    if len(got) != len(want):
        problems.append(f"row counts differ: got {len(got)}, expected {len(want)}")
    if not check_order:
        got, want = sorted(got, key=_sort_key), sorted(want, key=_sort_key)
    if check_order and len(got) == len(want):
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            if not all(_values_equal(a, b, rtol, atol) for a, b in zip(g, w, strict=True)):
                problems.append(f"row {i}: got {_show(g)}, expected {_show(w)}")
        return problems[: max_rows + 1]
    if len(got) == len(want) and all(
        _values_equal(a, b, rtol, atol) for g, w in zip(got, want, strict=True)
        for a, b in zip(g, w, strict=True)
    ):
        return problems  # sorted rows pair up one to one
    # Unordered, or ordered with different lengths: report the multiset difference.
    unmatched_want = list(want)
    extra = []
    for g in got:
        for j, w in enumerate(unmatched_want):
            if all(_values_equal(a, b, rtol, atol) for a, b in zip(g, w, strict=True)):
                del unmatched_want[j]
                break
        else:
            extra.append(g)
    for row in extra[:max_rows]:
        problems.append(f"unexpected row {_show(row)}")
    for row in unmatched_want[:max_rows]:
        problems.append(f"missing row {_show(row)}")
    if not extra and not unmatched_want and check_order and got != want:
        problems.append("same rows, different order")
    return problems


def assert_frames_match(actual: pd.DataFrame, expected: pd.DataFrame, **options) -> None:
    """Raise AssertionError listing the differing rows, if any (options: see frame_differences)."""
    problems = frame_differences(actual, expected, **options)
    if problems:
        raise AssertionError("frames differ:\n  " + "\n  ".join(problems))
