"""Differential tests: on generated tables, the pandas and the SQL answers agree."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chapters.sqlkit import get
from chapters.sqlkit.testing import check_pandas_equals_sql, frame, key_text, tricky_text

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def ints_near(limit: int) -> st.SearchStrategy:
    """Integers that hit the limit exactly, just below and above it, or anywhere, or NULL."""
    edges = st.sampled_from([limit - 1, limit, limit + 1])
    return st.one_of(st.none(), edges, st.integers(0, 2 * limit))


world = frame(
    {
        "name": key_text(),
        "continent": st.one_of(st.none(), tricky_text()),
        "area": ints_near(3_000_000),
        "population": ints_near(25_000_000),
        "gdp": st.one_of(st.none(), st.integers(0, 10**13)),
    },
    {"area": "Int64", "population": "Int64", "gdp": "Int64"},
    unique=("name",),
)


@SETTINGS
@given(world=world)
def test_big_countries(module_db, world):
    check_pandas_equals_sql(get("big_countries"), module_db, {"World": world})


products = frame(
    {
        "product_id": st.integers(0, 40),
        "low_fats": st.sampled_from(["Y", "N", None]),
        "recyclable": st.sampled_from(["Y", "N", None]),
    },
    {"product_id": "Int64"},
    unique=("product_id",),
)


@SETTINGS
@given(products=products)
def test_recyclable_and_low_fat_products(module_db, products):
    check_pandas_equals_sql(
        get("recyclable_and_low_fat_products"), module_db, {"Products": products}
    )


small_id = st.integers(0, 8)
customers = frame(
    {"id": small_id, "name": st.one_of(st.none(), tricky_text())},
    {"id": "Int64"},
    unique=("id",),
)
# customerId: NULLs, ids of nobody and repeats, so that NOT IN would go wrong.
orders = frame(
    {"id": st.integers(0, 50), "customerId": st.one_of(st.none(), small_id)},
    {"id": "Int64", "customerId": "Int64"},
    unique=("id",),
)


@SETTINGS
@given(customers=customers, orders=orders)
def test_customers_who_never_order(module_db, customers, orders):
    check_pandas_equals_sql(
        get("customers_who_never_order"), module_db, {"Customers": customers, "Orders": orders}
    )


person = st.one_of(st.none(), st.integers(-2, 12))  # few values: many self-views and ties
views = frame(
    {
        "article_id": st.one_of(st.none(), st.integers(0, 5)),
        "author_id": person,
        "viewer_id": person,
        "view_date": st.one_of(st.none(), st.dates(dt.date(2024, 1, 1), dt.date(2024, 1, 3))),
    },
    {
        "article_id": "Int64",
        "author_id": "Int64",
        "viewer_id": "Int64",
        "view_date": "datetime64[ns]",
    },
    max_rows=15,
)


@SETTINGS
@given(views=views)
def test_article_views_i(module_db, views):
    check_pandas_equals_sql(get("article_views_i"), module_db, {"Views": views})
