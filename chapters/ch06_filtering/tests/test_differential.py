"""Differential tests: on generated tables, the pandas and the SQL answers agree."""

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
