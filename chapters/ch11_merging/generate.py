"""Big input tables for the benchmark (`make bench`): `generate(n, rng)` per exercise, vectorised."""

from __future__ import annotations

import numpy as np
import pandas as pd


def ints(values: np.ndarray, rng: np.random.Generator | None = None, null_share: float = 0.0):
    """A nullable Int64 column; about `null_share` of it NULL."""
    column = pd.Series(values, dtype="Int64")
    if rng is not None and null_share > 0:
        column = column.mask(rng.random(len(values)) < null_share)
    return column


def dates(rng: np.random.Generator, n: int) -> pd.Series:
    """n random dates in 2020-2023, as datetime64[ns]."""
    offsets = rng.integers(0, 4 * 365, n).astype("timedelta64[D]")
    return pd.Series(np.datetime64("2020-01-01") + offsets).astype("datetime64[ns]")


def names(prefix: str, ids: np.ndarray) -> pd.Series:
    """Strings like "person17", built column-wise (no loop over rows)."""
    return (prefix + pd.Series(ids).astype(str)).astype(object)


def actors_and_directors(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n films by n/20 actors with 10 directors: two films per pair on average."""
    actor_director = pd.DataFrame(
        {
            "actor_id": ints(rng.integers(0, max(n // 20, 1), n)),
            "director_id": ints(rng.integers(0, 10, n)),
            "timestamp": ints(np.arange(n)),
        }
    )
    return {"ActorDirector": actor_director}


def replace_employee_id(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n employees; 70% have a unique id, a few have two, 1% of the ids name nobody."""
    employees = pd.DataFrame({"id": ints(np.arange(n)), "name": names("person", np.arange(n))})
    owners = rng.permutation(n)[: int(n * 0.7)]
    owners = np.concatenate([owners, owners[: n // 50], n + np.arange(n // 100)])
    employee_uni = pd.DataFrame(
        {"id": ints(owners), "unique_id": ints(rng.permutation(len(owners)))}
    )
    return {"Employees": employees, "EmployeeUNI": employee_uni}


def students_and_examinations(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n exams of n/100 students in 8 subjects; some exams name 'math', unknown ids or NULL."""
    subjects = np.array(["Math", "art", "Physics", "bio", "Chem", "music", "Law", "zoo"], dtype=object)
    count = max(n // 100, 1)
    students = pd.DataFrame(
        {"student_id": ints(np.arange(count)), "student_name": names("student", np.arange(count))}
    )
    exam_subjects = np.append(subjects, "math")  # matches no subject exactly
    examinations = pd.DataFrame(
        {
            "student_id": ints(rng.integers(0, count + 5, n), rng, 0.01),
            "subject_name": rng.choice(exam_subjects, n),
        }
    )
    return {
        "Students": students,
        "Subjects": pd.DataFrame({"subject_name": subjects}),
        "Examinations": examinations,
    }


def managers_with_5_reports(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n employees reporting to n/6 managers (5% to nobody, 1% to an unknown id)."""
    manager = rng.integers(0, max(n // 6, 1), n)
    manager = np.where(rng.random(n) < 0.01, n + manager, manager)  # ids that are nobody's
    employee = pd.DataFrame(
        {
            "id": ints(np.arange(n)),
            "name": names("employee", np.arange(n)),
            "department": rng.choice(np.array(["A", "B", "C"], dtype=object), n),
            "managerId": ints(manager, rng, 0.05),
        }
    )
    return {"Employee": employee}


def sales_person(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n orders of n/100 salespeople to n/1000 companies; 'RED' is rare, 'red' is another."""
    people = max(n // 100, 5)
    companies = max(n // 1000, 5)
    sales_people = pd.DataFrame(
        {
            "sales_id": ints(np.arange(people)),
            "name": names("seller", np.arange(people)),
            "salary": ints(rng.integers(1_000, 100_000, people)),
            "commission_rate": ints(rng.integers(0, 30, people)),
            "hire_date": dates(rng, people),
        }
    )
    company_names = names("company", np.arange(companies))
    company_names[0], company_names[1] = "RED", "red"
    company = pd.DataFrame(
        {
            "com_id": ints(np.arange(companies)),
            "name": company_names,
            "city": names("city", np.arange(companies) % 7),
        }
    )
    com_id = np.where(rng.random(n) < 0.002, 0, rng.integers(1, companies, n))
    orders = pd.DataFrame(
        {
            "order_id": ints(np.arange(n)),
            "order_date": dates(rng, n),
            "com_id": ints(com_id, rng, 0.01),
            "sales_id": ints(rng.integers(0, people, n), rng, 0.01),
            "amount": ints(rng.integers(1, 10_000, n)),
        }
    )
    return {"SalesPerson": sales_people, "Company": company, "Orders": orders}
