"""Differential tests: on generated tables, the pandas and the SQL answers agree."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chapters.sqlkit import get
from chapters.sqlkit.testing import check_pandas_equals_sql, frame, key_text

SETTINGS = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
DATE = "datetime64[ns]"
days = st.dates(dt.date(2024, 2, 28), dt.date(2024, 3, 1))  # few days: groups get several rows


def small(high: int, null: bool = True) -> st.SearchStrategy:
    """Small ids, so rows share groups; NULL too unless null=False."""
    ids = st.integers(0, high)
    return st.one_of(st.none(), ids) if null else ids


# Names that differ from each other in more than case: 'Math' and 'math' would be one group
# under utf8mb4_unicode_ci but two in pandas (the lesson shows that trap on its own).
CLASS_NAMES = st.sampled_from(["Math", "art", "BIOLOGY"])
MAKES = st.one_of(st.none(), st.sampled_from(["toyota", "Honda", "BMW"]))
# Exact-case product names without spaces: under COLLATE utf8mb4_bin, SQL compares and sorts
# them by code point like Python (a trailing space would still be ignored: PAD SPACE).
PRODUCT = st.text(st.sampled_from(list("abzABZé_-😀")), min_size=1, max_size=4)


@SETTINGS
@given(
    employees=frame(
        {
            "emp_id": small(3, null=False),
            "event_day": days,
            "in_time": st.integers(0, 1440),
            "out_time": st.one_of(st.none(), st.integers(0, 1440)),
        },
        {"emp_id": "Int64", "event_day": DATE, "in_time": "Int64", "out_time": "Int64"},
        unique=("emp_id", "event_day", "in_time"),
    )
)
def test_total_time(module_db, employees):
    check_pandas_equals_sql(get("total_time"), module_db, {"Employees": employees})


@SETTINGS
@given(
    activity=frame(
        {
            "player_id": small(4, null=False),
            "device_id": small(3),
            "event_date": st.dates(dt.date(2023, 12, 30), dt.date(2024, 1, 3)),
            "games_played": small(9),
        },
        {"player_id": "Int64", "device_id": "Int64", "event_date": DATE, "games_played": "Int64"},
        unique=("player_id", "event_date"),
    )
)
def test_game_play_analysis_i(module_db, activity):
    check_pandas_equals_sql(get("game_play_analysis_i"), module_db, {"Activity": activity})


@SETTINGS
@given(
    teacher=frame(
        {"teacher_id": small(3), "subject_id": small(5, null=False), "dept_id": small(3, False)},
        {"teacher_id": "Int64", "subject_id": "Int64", "dept_id": "Int64"},
        unique=("subject_id", "dept_id"),
    )
)
def test_unique_subjects(module_db, teacher):
    check_pandas_equals_sql(get("unique_subjects"), module_db, {"Teacher": teacher})


@SETTINGS
@given(
    courses=frame(
        {"student": key_text(1, 3), "class": CLASS_NAMES},
        {},
        max_rows=20,
        unique=("student", "class"),
    )
)
def test_classes_more_than_5(module_db, courses):
    check_pandas_equals_sql(get("classes_more_than_5"), module_db, {"Courses": courses})


@SETTINGS
@given(
    orders=frame(
        {"order_number": st.integers(1, 10**6), "customer_number": small(4, null=False)},
        {"order_number": "Int64", "customer_number": "Int64"},
        unique=("order_number",),
    )
)
def test_largest_orders(module_db, orders):
    check_pandas_equals_sql(get("largest_orders"), module_db, {"Orders": orders})


@SETTINGS
@given(
    activities=frame({"sell_date": days, "product": PRODUCT}, {"sell_date": DATE}, max_rows=15)
)
def test_products_by_date(module_db, activities):
    check_pandas_equals_sql(get("products_by_date"), module_db, {"Activities": activities})


@SETTINGS
@given(
    sales=frame(
        {"date_id": days, "make_name": MAKES, "lead_id": small(3), "partner_id": small(3)},
        {"date_id": DATE, "lead_id": "Int64", "partner_id": "Int64"},
        max_rows=15,
    )
)
def test_daily_leads(module_db, sales):
    check_pandas_equals_sql(get("daily_leads"), module_db, {"DailySales": sales})
