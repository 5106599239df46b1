"""Chapter 11's exercises, as entries of the shared registry (chapters.sqlkit)."""

from chapters.ch11_merging import generate
from chapters.ch11_merging.solutions.actors_and_directors import actors_and_directors
from chapters.ch11_merging.solutions.managers_with_5_reports import find_managers
from chapters.ch11_merging.solutions.replace_employee_id import replace_employee_id
from chapters.ch11_merging.solutions.sales_person import sales_person
from chapters.ch11_merging.solutions.students_and_examinations import students_and_examinations
from chapters.sqlkit import Exercise

DATE = "datetime64[ns]"

EXERCISES = [
    Exercise(
        slug="actors_and_directors",
        number=1050,
        title="Actors and Directors Who Cooperated At Least Three Times",
        chapter=11,
        statement="""
Each row of ActorDirector records one film made by actor actor_id with director
director_id (timestamp is the row's key). List the (actor_id, director_id) pairs that
worked together at least three times. Any order.
""",
        tables={
            "ActorDirector": {"actor_id": "Int64", "director_id": "Int64", "timestamp": "Int64"}
        },
        solve=actors_and_directors,
        expected_dtypes={"actor_id": "Int64", "director_id": "Int64"},
        generate=generate.actors_and_directors,
    ),
    Exercise(
        slug="replace_employee_id",
        number=1378,
        title="Replace Employee ID With The Unique Identifier",
        chapter=11,
        statement="""
Employees lists employees by id; EmployeeUNI gives some of them a unique_id (an employee may
have several). Show every employee's unique_id next to their name: NULL when they have none,
one row per unique id when they have several. Unique ids of unknown employees are left out.
Any order.
""",
        tables={
            "Employees": {"id": "Int64", "name": "object"},
            "EmployeeUNI": {"id": "Int64", "unique_id": "Int64"},
        },
        solve=replace_employee_id,
        expected_dtypes={"unique_id": "Int64"},
        generate=generate.replace_employee_id,
    ),
    Exercise(
        slug="students_and_examinations",
        number=1280,
        title="Students and Examinations",
        chapter=11,
        statement="""
Every student takes every subject. Examinations has one row per exam sat (a student may sit
the same subject several times). For each student and each subject, report how many exams
the student attended, 0 included. Subject names match exactly, case included (an exam of
'math' is not an exam of 'Math'); exams of unknown students or subjects, or with NULLs, count
for nobody. Order by student_id, then subject_name by code point (Python's order).
""",
        tables={
            "Students": {"student_id": "Int64", "student_name": "object"},
            "Subjects": {"subject_name": "object"},
            "Examinations": {"student_id": "Int64", "subject_name": "object"},
        },
        solve=students_and_examinations,
        ordered=True,
        expected_dtypes={"student_id": "Int64", "attended_exams": "Int64"},
        generate=generate.students_and_examinations,
    ),
    Exercise(
        slug="managers_with_5_reports",
        number=570,
        title="Managers with at Least 5 Direct Reports",
        chapter=11,
        statement="""
Each row of Employee names the employee's manager in managerId (NULL: no manager). Report the
name of every employee who is the manager of at least five employees. A managerId that is
no employee's id gives nobody. Any order.
""",
        tables={
            "Employee": {
                "id": "Int64",
                "name": "object",
                "department": "object",
                "managerId": "Int64",
            }
        },
        solve=find_managers,
        generate=generate.managers_with_5_reports,
    ),
    Exercise(
        slug="sales_person",
        number=607,
        title="Sales Person",
        chapter=11,
        statement="""
SalesPerson lists the sales team, Company the customers, Orders who sold to whom. Report the
names of the salespeople who never took an order from a company named exactly 'RED' (case
included: 'red' is another company). Orders with a NULL sales_id or com_id belong to nobody.
Any order.
""",
        tables={
            "SalesPerson": {
                "sales_id": "Int64",
                "name": "object",
                "salary": "Int64",
                "commission_rate": "Int64",
                "hire_date": DATE,
            },
            "Company": {"com_id": "Int64", "name": "object", "city": "object"},
            "Orders": {
                "order_id": "Int64",
                "order_date": DATE,
                "com_id": "Int64",
                "sales_id": "Int64",
                "amount": "Int64",
            },
        },
        solve=sales_person,
        generate=generate.sales_person,
    ),
]
