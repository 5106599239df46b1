"""Chapter 8's exercises, as entries of the shared registry (chapters.sqlkit)."""

from chapters.ch08_data_manipulation import generate
from chapters.ch08_data_manipulation.solutions.delete_duplicate_emails import (
    delete_duplicate_emails,
)
from chapters.ch08_data_manipulation.solutions.department_highest_salary import (
    department_highest_salary,
)
from chapters.ch08_data_manipulation.solutions.nth_highest_salary import nth_highest_salary
from chapters.ch08_data_manipulation.solutions.rank_scores import order_scores
from chapters.ch08_data_manipulation.solutions.rearrange_products_table import (
    rearrange_products_table,
)
from chapters.ch08_data_manipulation.solutions.second_highest_salary import (
    second_highest_salary,
)
from chapters.sqlkit import Exercise

SALARIES = {"id": "Int64", "salary": "Int64"}

EXERCISES = [
    Exercise(
        slug="nth_highest_salary",
        number=177,
        title="Nth Highest Salary",
        chapter=8,
        statement="""
Given N, report the N-th highest salary of the Employee table, counting equal salaries once:
with salaries 500, 500, 300 the 2nd highest is 300. When there are fewer than N distinct
salaries (or N < 1) the answer is NULL. One row, one column named after the call, e.g.
getNthHighestSalary(2). On the SQL side the answer is a stored function
getNthHighestSalary(N INT).
""",
        tables={"Employee": SALARIES},
        solve=nth_highest_salary,
        generate=generate.salaries,
        expected_dtypes={"getNthHighestSalary(2)": "Int64"},
        params={"N": 2},
        result_sql="SELECT getNthHighestSalary(:N)",
    ),
    Exercise(
        slug="second_highest_salary",
        number=176,
        title="Second Highest Salary",
        chapter=8,
        statement="""
Report the second highest distinct salary of the Employee table as SecondHighestSalary
(two people on the top salary do not make it the second). One row always: NULL when there is
no second distinct salary.
""",
        tables={"Employee": SALARIES},
        solve=second_highest_salary,
        generate=generate.salaries,
        expected_dtypes={"SecondHighestSalary": "Int64"},
    ),
    Exercise(
        slug="department_highest_salary",
        number=184,
        title="Department Highest Salary",
        chapter=8,
        statement="""
For every department, list the employees who earn that department's top salary; when several
share the top salary, list them all. Columns Department (its name), Employee (the name) and
Salary, in any order. Employees without a known department, or without a salary, are left out.
""",
        tables={
            "Employee": {"id": "Int64", "name": "object", "salary": "Int64", "departmentId": "Int64"},
            "Department": {"id": "Int64", "name": "object"},
        },
        solve=department_highest_salary,
        generate=generate.departments,
        expected_dtypes={"Salary": "Int64"},
    ),
    Exercise(
        slug="rank_scores",
        number=178,
        title="Rank Scores",
        chapter=8,
        statement="""
Rank the scores from highest to lowest. Equal scores share a rank, and the next score gets the
next whole number (no gaps: 4.00, 4.00, 3.85 rank 1, 1, 2). Return score and rank, highest
score first. A missing score ranks after every real score.
""",
        tables={"Scores": {"id": "Int64", "score": "float64"}},
        solve=order_scores,
        generate=generate.scores,
        ordered=True,
        expected_dtypes={"score": "float64", "rank": "Int64"},
    ),
    Exercise(
        slug="delete_duplicate_emails",
        number=196,
        title="Delete Duplicate Emails",
        chapter=8,
        statement="""
Several rows of Person may hold the same email (emails compare without regard to case, as the
table's collation does). Delete the extra rows, keeping for each email only the row with the
smallest id. Change the table itself: the answer is the table afterwards (rows in any order).
Rows without an email are not duplicates of each other.
""",
        tables={"Person": {"id": "Int64", "email": "object"}},
        solve=delete_duplicate_emails,
        generate=generate.people,
        expected_dtypes={"id": "Int64"},
        in_place="Person",
        result_sql="SELECT id, email FROM Person",
    ),
    Exercise(
        slug="rearrange_products_table",
        number=1795,
        title="Rearrange Products Table",
        chapter=8,
        statement="""
Products has one price column per store (store1, store2, store3); NULL means the store does
not sell the product. Turn it into one row per product and store that sells it: product_id,
store (the column's name) and price, in any order.
""",
        tables={
            "Products": {
                "product_id": "Int64",
                "store1": "Int64",
                "store2": "Int64",
                "store3": "Int64",
            }
        },
        solve=rearrange_products_table,
        generate=generate.products,
        expected_dtypes={"product_id": "Int64", "price": "Int64"},
    ),
]
