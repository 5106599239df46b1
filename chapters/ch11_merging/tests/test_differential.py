"""Differential tests: on generated tables, the pandas and the SQL answers agree."""

import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chapters.sqlkit import get
from chapters.sqlkit.testing import check_pandas_equals_sql, frame, key_text, tricky_text

SETTINGS = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
DATE = "datetime64[ns]"
dates = st.one_of(st.none(), st.dates(dt.date(2019, 1, 1), dt.date(2021, 12, 31)))
names = st.one_of(st.none(), tricky_text())


def ids(high: int, null: bool = True) -> st.SearchStrategy:
    """Small ids, so that keys meet; NULL too unless null=False."""
    values = st.integers(0, high)
    return st.one_of(st.none(), values) if null else values


@SETTINGS
@given(
    actor_director=frame(
        {"actor_id": ids(2, False), "director_id": ids(2, False), "timestamp": ids(10**6, False)},
        {"actor_id": "Int64", "director_id": "Int64", "timestamp": "Int64"},
        max_rows=15,
        unique=("timestamp",),
    )
)
def test_actors_and_directors(module_db, actor_director):
    check_pandas_equals_sql(
        get("actors_and_directors"), module_db, {"ActorDirector": actor_director}
    )


@SETTINGS
@given(
    employees=frame({"id": ids(8, False), "name": names}, {"id": "Int64"}, unique=("id",)),
    employee_uni=frame(
        {"id": ids(10, False), "unique_id": ids(5, False)},
        {"id": "Int64", "unique_id": "Int64"},
        unique=("id", "unique_id"),
    ),
)
def test_replace_employee_id(module_db, employees, employee_uni):
    frames = {"Employees": employees, "EmployeeUNI": employee_uni}
    check_pandas_equals_sql(get("replace_employee_id"), module_db, frames)


# Case variants on purpose: the SQL matches names with COLLATE utf8mb4_bin, so an exam of
# 'math' must not count for the subject 'Math' on either side.
SUBJECT = st.sampled_from(["Math", "math", "art", "Art", "Physics", "bio"])


@SETTINGS
@given(
    students=frame(
        {"student_id": ids(6, False), "student_name": names},
        {"student_id": "Int64"},
        max_rows=5,
        unique=("student_id",),
    ),
    subjects=frame({"subject_name": SUBJECT}, {}, max_rows=4, unique=("subject_name",)),
    examinations=frame(
        {"student_id": ids(7), "subject_name": st.one_of(st.none(), SUBJECT)},
        {"student_id": "Int64"},
        max_rows=15,
    ),
)
def test_students_and_examinations(module_db, students, subjects, examinations):
    frames = {"Students": students, "Subjects": subjects, "Examinations": examinations}
    check_pandas_equals_sql(get("students_and_examinations"), module_db, frames)


@SETTINGS
@given(
    employee=frame(
        {
            "id": ids(12, False),
            "name": names,
            "department": st.one_of(st.none(), key_text()),
            # Mostly a few popular managers (so some reach five reports), some unknown ids.
            "managerId": st.one_of(st.none(), st.sampled_from([0, 1, 2, 20]), ids(14, False)),
        },
        {"id": "Int64", "managerId": "Int64"},
        max_rows=20,
        unique=("id",),
    )
)
def test_managers_with_5_reports(module_db, employee):
    check_pandas_equals_sql(get("managers_with_5_reports"), module_db, {"Employee": employee})


# 'RED' is drawn often, so that orders for it (with a NULL sales_id too) are common.
COMPANY_NAME = st.one_of(
    st.just("RED"), st.none(), st.sampled_from(["RED", "red", "Red", "BLUE"]), key_text()
)
SALES_EXAMPLE = get("sales_person").example_frames()  # holds an order for RED with no sales_id


@SETTINGS
@given(
    sales_people=frame(
        {
            "sales_id": ids(6, False),
            "name": names,
            "salary": ids(10**5),
            "commission_rate": ids(30),
            "hire_date": dates,
        },
        {"sales_id": "Int64", "salary": "Int64", "commission_rate": "Int64", "hire_date": DATE},
        max_rows=6,
        unique=("sales_id",),
    ),
    company=frame(
        {"com_id": ids(5, False), "name": COMPANY_NAME, "city": names},
        {"com_id": "Int64"},
        max_rows=5,
        unique=("com_id",),
    ),
    orders=frame(
        {
            "order_id": ids(10**6, False),
            "order_date": dates,
            "com_id": ids(6),
            "sales_id": ids(7),
            "amount": ids(10**4),
        },
        {
            "order_id": "Int64",
            "order_date": DATE,
            "com_id": "Int64",
            "sales_id": "Int64",
            "amount": "Int64",
        },
        unique=("order_id",),
    ),
)
@example(
    sales_people=SALES_EXAMPLE["SalesPerson"],
    company=SALES_EXAMPLE["Company"],
    orders=SALES_EXAMPLE["Orders"],
)
def test_sales_person(module_db, sales_people, company, orders):
    frames = {"SalesPerson": sales_people, "Company": company, "Orders": orders}
    check_pandas_equals_sql(get("sales_person"), module_db, frames)
