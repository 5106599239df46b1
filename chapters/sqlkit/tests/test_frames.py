"""The frame comparison: equal where the meaning is equal, and precise about what differs."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from chapters.sqlkit.frames import assert_frames_match, frame_differences


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
    with pytest.raises(
        AssertionError,
        match=r"frames differ:\n  row counts differ: got 1, expected 2\n  missing row \(2\)",
    ):
        assert_frames_match(pd.DataFrame({"v": [1]}), pd.DataFrame({"v": [1, 2]}))


def test_empty_frames_with_the_same_columns_match():
    assert_frames_match(pd.DataFrame({"v": []}), pd.DataFrame({"v": pd.array([], dtype="Int64")}))


BIGINT_MAX = 9223372036854775807


@pytest.mark.parametrize("big", [10**12, 2**53, BIGINT_MAX - 1])
@pytest.mark.parametrize(
    "as_type",
    [int, np.int64, Decimal, lambda v: pd.array([v], dtype="Int64")[0]],
    ids=["int", "numpy", "Decimal", "Int64"],
)
def test_integers_compare_exactly_however_large(big, as_type):
    got = pd.DataFrame({"v": [as_type(big)]}, dtype=object)
    assert frame_differences(got, pd.DataFrame({"v": [big + 1]}, dtype=object)) == [
        f"unexpected row ({big})",
        f"missing row ({big + 1})",
    ]
    assert_frames_match(got, pd.DataFrame({"v": [Decimal(f"{big}.000")]}, dtype=object))
    bigint = pd.DataFrame({"v": pd.array([BIGINT_MAX, None], dtype="Int64")})
    assert_frames_match(bigint, pd.DataFrame({"v": [Decimal(BIGINT_MAX), None]}, dtype=object))


def test_an_integer_and_a_float_compare_by_value_within_the_tolerance():
    # SQL's AVG gives Decimal('3.0000'), pandas' mean a float that may be a hair off.
    assert_frames_match(pd.DataFrame({"v": [3, 2]}), pd.DataFrame({"v": [3.0, 2.0]}))
    assert_frames_match(
        pd.DataFrame({"v": [Decimal("3.0000")]}), pd.DataFrame({"v": [2.9999999999999996]})
    )
    assert_frames_match(pd.DataFrame({"v": [Decimal("0.1")]}), pd.DataFrame({"v": [0.1 + 1e-12]}))
    assert frame_differences(pd.DataFrame({"v": [3]}), pd.DataFrame({"v": [3.001]}))
    assert_frames_match(
        pd.DataFrame({"v": [True, False]}), pd.DataFrame({"v": [1, 0]}), check_order=True
    )


@pytest.mark.parametrize(
    "day",
    [dt.date(9999, 12, 31), dt.date(1000, 1, 1)],
    ids=["max", "min"],
)
def test_the_whole_mysql_date_range_compares(day):
    as_date = pd.DataFrame({"d": [day, None]}, dtype=object)
    as_datetime = pd.DataFrame(
        {"d": [None, dt.datetime(day.year, day.month, day.day)]}, dtype=object
    )
    assert_frames_match(as_date, as_datetime)
    assert_frames_match(
        as_date, pd.DataFrame({"d": pd.to_datetime([day, None]).as_unit("s")}), check_order=True
    )
    later = dt.datetime(day.year, day.month, day.day, 23, 59, 59)
    assert frame_differences(as_date, pd.DataFrame({"d": [later, None]}, dtype=object)) == [
        f"unexpected row ('{day.isoformat()}')",
        f"missing row ('{day.isoformat()} 23:59:59')",
    ]


def test_twenty_thousand_differing_rows_are_reported_without_pairing_every_row_with_every_row():
    n = 20_000
    got = pd.DataFrame({"id": range(n), "x": [i + 0.5 for i in range(n)], "s": ["a"] * n})
    want = pd.DataFrame({"id": range(n), "x": [i + 0.25 for i in range(n)], "s": ["a"] * n})
    assert frame_differences(got, want, max_rows=2) == [
        "unexpected row (0, 0.5, 'a')",
        "unexpected row (1, 1.5, 'a')",
        f"... and {n - 2} more unexpected rows",
        "missing row (0, 0.25, 'a')",
        "missing row (1, 1.25, 'a')",
        f"... and {n - 2} more missing rows",
    ]
    words = pd.DataFrame({"s": [f"w{i:04}" for i in range(5_000)]})
    assert frame_differences(words, words.iloc[::-1] + "!", max_rows=1) == [
        "unexpected row ('w0000')",
        "... and 4999 more unexpected rows",
        "missing row ('w0000!')",
        "... and 4999 more missing rows",
    ]
    # Values a hair apart still pair up, in any order.
    few = got.head(2_000)
    assert_frames_match(few, few.assign(x=few["x"] * (1 + 1e-12)).iloc[::-1])


def test_many_rows_pair_within_the_tolerance_whatever_their_order():
    values = [i * 1.5 for i in range(-1_000, 1_000)] + [
        math.inf,
        -math.inf,
        None,
        10**15,
        2**63 - 1,
    ]
    got = pd.DataFrame({"x": values, "flag": [1] * len(values)}, dtype=object)
    close = [v * (1 + 1e-10) if isinstance(v, float) else v for v in values]
    want = pd.DataFrame({"x": close[::-1], "flag": [1] * len(values)}, dtype=object)
    assert_frames_match(got, want)
    # With a tighter tolerance every float row differs, and the integers and NULL still pair.
    lines = frame_differences(got, want, rtol=1e-12, atol=0, max_rows=0)
    assert lines == ["... and 1999 more unexpected rows", "... and 1999 more missing rows"]
    assert frame_differences(got, want.replace({3.0 * (1 + 1e-10): 3.01})) == [
        "unexpected row (3, 1)",
        "missing row (3.01, 1)",
    ]
    # An integer is exact: a float equals it, or is within the absolute tolerance of it; the
    # relative one (here 10**15 * 1e-9 = 10**6) does not apply.
    assert_frames_match(pd.DataFrame({"x": [10**15] * 9}), pd.DataFrame({"x": [1e15] * 9}))
    assert frame_differences(
        pd.DataFrame({"x": [10**15] * 9}), pd.DataFrame({"x": [1e15 * (1 + 9e-10)] * 9})
    )


def test_values_that_print_alike_show_their_types():
    assert frame_differences(pd.DataFrame({"v": ["1"]}), pd.DataFrame({"v": [1]})) == [
        "unexpected row ('1' (str, len 1))",
        "missing row (1 (int))",
    ]
    assert frame_differences(
        pd.DataFrame({"id": [1], "s": ["a"]}),
        pd.DataFrame({"id": [1.0], "s": ["a "]}),
        check_order=True,
    ) == ["row 0: got (1, 'a' (str, len 1)), expected (1, 'a ' (str, len 2))"]
    assert frame_differences(
        pd.DataFrame({"d": ["2024-01-02"]}),
        pd.DataFrame({"d": [dt.date(2024, 1, 2)]}, dtype=object),
    ) == [
        "unexpected row ('2024-01-02' (str, len 10))",
        "missing row ('2024-01-02' (datetime))",
    ]
    # Values that look different are shown as they are.
    assert frame_differences(pd.DataFrame({"v": ["x"]}), pd.DataFrame({"v": [1]})) == [
        "unexpected row ('x')",
        "missing row (1)",
    ]
