"""Compare a pandas result with an SQL result (or a hand-written expectation), and say what differs.

Rules, chosen so that the same answer computed two ways compares equal:
* column names must match, in order;
* NULL, None, NaN, NaT and pd.NA are all "missing" and equal to each other;
* integers compare exactly, however large (int, numpy and pandas Int64 integers, integral
  Decimals, and bools as 0/1);
* floats and non-integral Decimals compare within a tolerance; an integer and a float only
  within the absolute one (3 and 3.0 are equal, as are Decimal('3.0000') from SQL and
  2.9999999999999996 from pandas, but 10**12 + 1 is not 1e12);
* dates compare by value over MySQL's whole range, years 1000 to 9999 (datetime.date,
  datetime.datetime, np.datetime64 and pd.Timestamp alike: a date is its midnight);
* rows compare as a multiset unless `check_order=True`; rows are paired by hashing, so even
  thousands of differing rows are reported quickly;
* values that differ but print alike ('1' and 1, 'a' and 'a ') are shown with their types;
* at most `max_rows` differing rows of each kind are listed, then how many more there are.
"""

from __future__ import annotations

import bisect
import datetime as dt
import decimal
import fractions
import math
import numbers
import unicodedata
from collections import defaultdict
from functools import partial

import numpy as np
import pandas as pd

_MISSING = "<NULL>"
_NUMBER = object()  # stands for any number in a row's shape (see _pair_close)


def normalize_value(value):
    """One canonical value per meaning: None, int, float, datetime, str or the value itself."""
    if type(value) is str or type(value) is int:  # the common cases first, they are canonical
        return value
    if type(value) is float:
        return None if math.isnan(value) else value
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    if isinstance(value, bool | np.bool_ | numbers.Integral | np.integer):
        return int(value)
    if isinstance(value, decimal.Decimal):
        if value.is_nan():
            return None
        if value.is_finite() and value == value.to_integral_value():
            return int(value)
        return float(value)
    if isinstance(value, numbers.Rational):
        return int(value) if value.denominator == 1 else float(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return None
        if np.datetime_data(value)[0] in ("ns", "ps", "fs", "as"):
            return normalize_value(pd.Timestamp(value))
        return value.astype("datetime64[us]").item()  # a datetime.datetime, even in year 9999
    if isinstance(value, pd.Timestamp):
        return value if value.nanosecond else value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, str):
        return str(value)  # np.str_ and other subclasses to plain str
    return value


def _values_equal(a, b, rtol: float, atol: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=rtol, abs_tol=atol)
    if isinstance(a, int | float) and isinstance(b, int | float):
        # An integer is exact: a float beside it may differ by rounding noise (atol), never by
        # a share of its size (10**12 + 1 is not 10**12). Python compares int and float exactly.
        if a == b or math.isinf(a) or math.isinf(b):
            return a == b
        return abs(fractions.Fraction(a) - fractions.Fraction(b)) <= atol  # exact, any size
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a == b
    return type(a) is type(b) and a == b


def _rows_equal(g: tuple, w: tuple, rtol: float, atol: float) -> bool:
    return all(_values_equal(a, b, rtol, atol) for a, b in zip(g, w, strict=True))


def _rows(frame: pd.DataFrame) -> list[tuple]:
    columns = [
        values.tolist()  # numpy integers: already plain ints, none missing
        if isinstance(values.dtype, np.dtype) and values.dtype.kind in "iu"
        else [normalize_value(v) for v in values.tolist()]
        for _, values in frame.items()
    ]
    return list(zip(*columns, strict=True)) if columns else [() for _ in range(len(frame))]


def _hash_key(row: tuple) -> tuple:
    try:
        hash(row)
        return row
    except TypeError:  # a list or a dict in a cell: its repr stands in for it
        return tuple(("unhashable", repr(v)) for v in row)


def _as_float(value) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.copysign(math.inf, value)


def _reach(value: float, rtol: float, atol: float) -> float:
    """How far from `value` a number can be and still be close to it."""
    if math.isinf(value):
        return 0.0
    if rtol >= 1:
        return math.inf
    # |a - b| <= max(rtol * max(|a|, |b|), atol) implies |a - b| <= max(rtol*|a| / (1-rtol), atol),
    # and the margin covers the rounding of the subtraction and of large integers made floats.
    return max(rtol * abs(value) / (1 - rtol), atol) * 1.01 + 4 * math.ulp(value)


def _unmatched(got: list[tuple], want: list[tuple], rtol: float, atol: float):
    """(rows of `got` without a partner in `want`, rows of `want` without one in `got`)."""
    pool = defaultdict(list)  # first, exact partners by hashing (1 and 1.0 hash alike)
    for row in want:
        pool[_hash_key(row)].append(row)
    extra = []
    for row in got:
        partners = pool.get(_hash_key(row))
        if partners:
            partners.pop()
        else:
            extra.append(row)
    missing = [row for partners in pool.values() for row in partners]
    return _pair_close(extra, missing, rtol, atol)


def _pair_close(got: list[tuple], want: list[tuple], rtol: float, atol: float):
    """Pair the rows left over that are equal within the tolerance; return those still unpaired."""
    # Only columns holding a float need the tolerance; in every other cell a partner is equal,
    # so group rows by those cells (their "shape") and search partners within a group only.
    inexact = {i for row in got + want for i, v in enumerate(row) if isinstance(v, float)}
    if not inexact:
        return got, want

    mask = [i in inexact for i in range(len(got[0] if got else want[0]))]

    def shape(row: tuple) -> tuple:
        cells = zip(mask, row, strict=True)
        return _hash_key(
            tuple(_NUMBER if m and isinstance(v, int | float) else v for m, v in cells)
        )

    groups = defaultdict(lambda: ([], []))
    for row in got:
        groups[shape(row)][0].append(row)
    for row in want:
        groups[shape(row)][1].append(row)
    extra, missing = [], []
    for group_got, group_want in groups.values():
        if group_got and group_want:
            pair = _pair_each if len(group_want) <= 8 else partial(_pair_nearby, inexact=inexact)
            group_got, group_want = pair(group_got, group_want, rtol=rtol, atol=atol)
        extra += group_got
        missing += group_want
    return extra, missing


def _pair_each(got: list[tuple], want: list[tuple], rtol: float, atol: float):
    """Pair rows by trying every candidate in turn (for a few candidates)."""
    want, extra = list(want), []
    for row in got:
        j = next((j for j, w in enumerate(want) if _rows_equal(row, w, rtol, atol)), None)
        if j is None:
            extra.append(row)
        else:
            del want[j]
    return extra, want


def _pair_nearby(got: list[tuple], want: list[tuple], rtol: float, atol: float, inexact: set[int]):
    """Pair rows of one shape, looking up partners by a number column sorted (not every pair)."""
    numbers_at = [i for i in sorted(inexact) if isinstance(want[0][i], int | float)]
    if not numbers_at:  # no number to be close: only cells that could not be hashed differ
        return got, want
    # The column with the most distinct values leaves the fewest candidates to check.
    c = max(numbers_at, key=lambda i: len({row[i] for row in want}))
    want = sorted(want, key=lambda row: _as_float(row[c]))
    keys = [_as_float(row[c]) for row in want]
    taken = [False] * len(want)
    extra = []
    for row in got:
        value = _as_float(row[c])
        reach = _reach(value, rtol, atol)
        start, stop = (
            bisect.bisect_left(keys, value - reach),
            bisect.bisect_right(keys, value + reach),
        )
        for j in range(start, stop):
            if not taken[j] and _rows_equal(row, want[j], rtol, atol):
                taken[j] = True
                break
        else:
            extra.append(row)
    return extra, [row for row, was_taken in zip(want, taken, strict=True) if not was_taken]


def _sort_key(row: tuple) -> tuple:
    # Order by (kind, value) so that values of different kinds never compare with each other.
    key = []
    for value in row:
        if value is None:
            key.append((0, 0))
        elif isinstance(value, int | float):
            key.append((1, value))
        elif isinstance(value, dt.datetime):
            key.append((2, str(value)))
        else:
            key.append((3, str(value)))
    return tuple(key)


def _display(value, width: int = 200):
    if value is None:
        return _MISSING
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return repr(int(value))
    if isinstance(value, dt.datetime):
        return repr(str(value).removesuffix(" 00:00:00"))  # a midnight shows as its date
    text = repr(value)
    return text if len(text) <= width else f"{text[:width]}... ({len(text):,} characters)"


def _looks(value) -> str:
    """What a reader sees of a value: its printed text, quotes, widths and repeated spaces aside."""
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFKC", value).split())
    text = _display(value)
    return text[1:-1] if isinstance(value, dt.datetime) else text  # a date prints quoted


def _type_of(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, str):
        return f"str, len {len(value)}"
    return type(value).__name__


def _show(row: tuple, other: tuple | None = None, same=None) -> str:
    """A row as text; cells that differ from `other` but print alike get their types."""
    cells = []
    for i, value in enumerate(row):
        text = _display(value)
        if other is not None and not same(value, other[i]) and _looks(value) == _looks(other[i]):
            text += f" ({_type_of(value)})"
        cells.append(text)
    return "(" + ", ".join(cells) + ")"


def _report(extra: list[tuple], missing: list[tuple], max_rows: int, same) -> list[str]:
    """The unexpected and missing rows, sorted, at most max_rows of each, look-alikes typed."""
    looks_extra = {tuple(map(_looks, row)): row for row in extra}
    looks_missing = {tuple(map(_looks, row)): row for row in missing}
    lines = []
    for label, rows, others in (
        ("unexpected", extra, looks_missing),
        ("missing", missing, looks_extra),
    ):
        rows = sorted(rows, key=_sort_key)
        for row in rows[:max_rows]:
            lines.append(f"{label} row {_show(row, others.get(tuple(map(_looks, row))), same)}")
        if len(rows) > max_rows:
            lines.append(f"... and {len(rows) - max_rows} more {label} rows")
    return lines


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
    if list(actual.columns) != list(expected.columns):
        return [f"columns differ: got {list(actual.columns)}, expected {list(expected.columns)}"]
    same = partial(_values_equal, rtol=rtol, atol=atol)
    got, want = _rows(actual), _rows(expected)
    if check_order and len(got) == len(want):
        differing = [
            (i, g, w)
            for i, (g, w) in enumerate(zip(got, want, strict=True))
            if not _rows_equal(g, w, rtol, atol)
        ]
        problems = [
            f"row {i}: got {_show(g, w, same)}, expected {_show(w, g, same)}"
            for i, g, w in differing
        ]
        if len(differing) > max_rows:
            problems[max_rows:] = [f"... and {len(differing) - max_rows} more differing rows"]
        return problems
    # Unordered, or ordered with different lengths: report the multiset difference.
    problems = []
    if len(got) != len(want):
        problems.append(f"row counts differ: got {len(got)}, expected {len(want)}")
    extra, missing = _unmatched(got, want, rtol, atol)
    return problems + _report(extra, missing, max_rows, same)


def is_part_of(part: pd.DataFrame, whole: pd.DataFrame, rtol: float = 1e-9, atol: float = 1e-9) -> bool:
    """Whether every row of `part` is a row of `whole` (rows as a multiset, the same columns)."""
    if list(part.columns) != list(whole.columns):
        return False
    extra, _ = _unmatched(_rows(part), _rows(whole), rtol, atol)
    return not extra


def assert_frames_match(actual: pd.DataFrame, expected: pd.DataFrame, **options) -> None:
    """Raise AssertionError listing the differing rows, if any (options: see frame_differences)."""
    problems = frame_differences(actual, expected, **options)
    if problems:
        raise AssertionError("frames differ:\n  " + "\n  ".join(problems))
