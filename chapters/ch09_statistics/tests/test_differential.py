"""Differential tests: on generated tables (NULLs, boundaries, empty tables), pandas == SQL."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chapters.sqlkit import get
from chapters.sqlkit.testing import check_pandas_equals_sql, frame

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

ids = st.integers(1, 10_000)


def ints_near(*limits: int) -> st.SearchStrategy:
    """NULL, a value on or next to a limit, or any value up to twice the largest limit."""
    edges = st.sampled_from([v + d for v in limits for d in (-1, 0, 1)])
    return st.one_of(st.none(), edges, st.integers(0, 2 * max(limits)))


@SETTINGS
@given(
    store=frame(
        {"bill_id": ids, "customer_id": st.one_of(st.none(), st.integers(1, 5)), "amount": ints_near(500)},
        {"bill_id": "Int64", "customer_id": "Int64", "amount": "Int64"},
        unique=("bill_id",),
    )
)
def test_number_of_rich_customers(module_db, store):
    check_pandas_equals_sql(get("number_of_rich_customers"), module_db, {"Store": store})


day = st.dates(dt.date(2025, 1, 1), dt.date(2025, 1, 4))


@SETTINGS
@given(
    delivery=frame(
        {
            "delivery_id": ids,
            "customer_id": st.one_of(st.none(), st.integers(1, 5)),
            "order_date": day,
            "customer_pref_delivery_date": day,
        },
        {
            "delivery_id": "Int64",
            "customer_id": "Int64",
            "order_date": "datetime64[ns]",
            "customer_pref_delivery_date": "datetime64[ns]",
        },
        unique=("delivery_id",),
        max_rows=40,  # room for denominators such as 32 or 40, where rounding ties appear
    )
)
def test_immediate_food_delivery(module_db, delivery):
    check_pandas_equals_sql(get("immediate_food_delivery"), module_db, {"Delivery": delivery})


@SETTINGS
@given(
    accounts=frame(
        {"account_id": ids, "income": ints_near(20_000, 50_000)},
        {"account_id": "Int64", "income": "Int64"},
        unique=("account_id",),
    )
)
def test_count_salary_categories(module_db, accounts):
    check_pandas_equals_sql(get("count_salary_categories"), module_db, {"Accounts": accounts})
