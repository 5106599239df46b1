"""Differential tests: on generated tables (NULLs, ties, empty tables, mixed case), pandas == SQL."""

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chapters.sqlkit import get
from chapters.sqlkit.testing import check_pandas_equals_sql, frame, tricky_text

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

ids = st.integers(1, 10_000)
# A few popular values make ties likely; NULL and any other value are possible too.
salary = st.one_of(st.none(), st.sampled_from([100, 200, 300]), st.integers(0, 10**6))
employees = frame({"id": ids, "salary": salary}, {"id": "Int64", "salary": "Int64"}, unique=("id",))


@SETTINGS
@given(employee=employees, n=st.integers(-1, 6))
def test_nth_highest_salary(module_db, employee, n):
    exercise = dataclasses.replace(get("nth_highest_salary"), params={"N": n})
    check_pandas_equals_sql(exercise, module_db, {"Employee": employee})


@SETTINGS
@given(employee=employees)
def test_second_highest_salary(module_db, employee):
    check_pandas_equals_sql(get("second_highest_salary"), module_db, {"Employee": employee})


@SETTINGS
@given(
    employee=frame(
        {
            "id": ids,
            "name": st.one_of(st.none(), tricky_text()),
            "salary": salary,
            "departmentId": st.one_of(st.none(), st.integers(1, 4)),
        },
        {"id": "Int64", "salary": "Int64", "departmentId": "Int64"},
        unique=("id",),
    ),
    department=frame(
        {"id": st.integers(1, 4), "name": st.one_of(st.none(), tricky_text())},
        {"id": "Int64"},
        unique=("id",),
        max_rows=4,
    ),
)
def test_department_highest_salary(module_db, employee, department):
    check_pandas_equals_sql(
        get("department_highest_salary"),
        module_db,
        {"Employee": employee, "Department": department},
    )


# DECIMAL(3, 2): hundredths from 0.00 to 9.99, often the same few, sometimes NULL.
score = st.one_of(
    st.none(), st.sampled_from([150, 365, 400]), st.integers(0, 999)
).map(lambda hundredths: None if hundredths is None else hundredths / 100)


@SETTINGS
@given(scores=frame({"id": ids, "score": score}, {"id": "Int64", "score": "float64"}, unique=("id",)))
def test_rank_scores(module_db, scores):
    check_pandas_equals_sql(get("rank_scores"), module_db, {"Scores": scores})


# Few letters, mixed case: duplicates under the _ci collation are frequent.
email = st.one_of(
    st.none(), st.text(st.sampled_from("aAbB"), min_size=1, max_size=2).map(lambda s: s + "@x.io")
)


@SETTINGS
@given(person=frame({"id": ids, "email": email}, {"id": "Int64"}, unique=("id",)))
def test_delete_duplicate_emails(module_db, person):
    check_pandas_equals_sql(get("delete_duplicate_emails"), module_db, {"Person": person})


price = st.one_of(st.none(), st.integers(0, 1000))


@SETTINGS
@given(
    products=frame(
        {"product_id": ids, "store1": price, "store2": price, "store3": price},
        {"product_id": "Int64", "store1": "Int64", "store2": "Int64", "store3": "Int64"},
        unique=("product_id",),
    )
)
def test_rearrange_products_table(module_db, products):
    check_pandas_equals_sql(get("rearrange_products_table"), module_db, {"Products": products})
