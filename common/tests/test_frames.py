"""The frame comparison: equal where the meaning is equal, and precise about what differs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from common.frames import assert_frames_match, frame_differences


def test_order_does_not_matter_unless_asked():
    a = pd.DataFrame({"id": [1, 2, 3], "name": ["x", "y", "z"]})
    b = a.iloc[::-1].reset_index(drop=True)
    assert frame_differences(a, b) == []
    assert frame_differences(a, b, check_order=True) == [
        "row 0: got (1, 'x'), expected (3, 'z')",
        "row 2: got (3, 'z'), expected (1, 'x')",
    ]


def test_int_float_decimal_and_nullable_int_are_the_same_number():
    a = pd.DataFrame({"v": pd.array([1, 2, None], dtype="Int64")})
    b = pd.DataFrame({"v": [Decimal("1.00"), 2.0, None]}, dtype=object)
    c = pd.DataFrame({"v": [np.int64(1), np.float64(2), np.nan]}, dtype=object)
    assert_frames_match(a, b, check_order=True)
    assert_frames_match(b, c, check_order=True)


def test_null_none_nan_nat_and_na_are_all_missing():
    a = pd.DataFrame({"v": [None, np.nan, pd.NaT, pd.NA]}, dtype=object)
    b = pd.DataFrame({"v": [pd.NA, None, None, np.nan]}, dtype=object)
    assert_frames_match(a, b)


def test_missing_is_not_zero_nor_empty_string():
    assert frame_differences(pd.DataFrame({"v": [None]}), pd.DataFrame({"v": [0]})) == [
        "unexpected row (<NULL>)",
        "missing row (0)",
    ]
    assert frame_differences(pd.DataFrame({"v": [""]}), pd.DataFrame({"v": [None]}))


def test_float_tolerance():
    a = pd.DataFrame({"v": [0.1 + 0.2]})
    assert_frames_match(a, pd.DataFrame({"v": [0.3]}))
    assert frame_differences(a, pd.DataFrame({"v": [0.3001]})), "0.3001 is not 0.3"
    assert_frames_match(a, pd.DataFrame({"v": [0.3001]}), rtol=1e-3)


def test_dates_compare_by_value():
    a = pd.DataFrame({"d": pd.to_datetime(["2024-01-02", None])})
    b = pd.DataFrame({"d": [dt.date(2024, 1, 2), None]}, dtype=object)
    assert_frames_match(a, b, check_order=True)
    c = pd.DataFrame({"d": [dt.date(2024, 1, 3), None]}, dtype=object)
    assert frame_differences(a, c) == [
        "unexpected row ('2024-01-02')",
        "missing row ('2024-01-03')",
    ]


def test_strings_are_compared_exactly():
    a = pd.DataFrame({"s": ["Apple", "b "]})
    assert frame_differences(a, pd.DataFrame({"s": ["apple", "b "]}))
    assert frame_differences(a, pd.DataFrame({"s": ["Apple", "b"]}))


def test_reports_which_rows_differ_and_counts():
    got = pd.DataFrame({"id": [1, 2, 2], "v": ["a", "b", "b"]})
    want = pd.DataFrame({"id": [1, 2, 3], "v": ["a", "b", "c"]})
    assert frame_differences(got, want) == ["unexpected row (2, 'b')", "missing row (3, 'c')"]
    assert frame_differences(got.head(2), want) == [
        "row counts differ: got 2, expected 3",
        "missing row (3, 'c')",
    ]


def test_columns_must_match_by_name_and_order():
    a = pd.DataFrame({"x": [1], "y": [2]})
    assert frame_differences(a, a[["y", "x"]]) == [
        "columns differ: got ['x', 'y'], expected ['y', 'x']"
    ]


def test_assert_raises_with_the_differences():
    with pytest.raises(AssertionError, match=r"frames differ:\n  row counts differ: got 1, expected 2\n  missing row \(2\)"):
        assert_frames_match(pd.DataFrame({"v": [1]}), pd.DataFrame({"v": [1, 2]}))


def test_empty_frames_with_the_same_columns_match():
    assert_frames_match(pd.DataFrame({"v": []}), pd.DataFrame({"v": pd.array([], dtype="Int64")}))
