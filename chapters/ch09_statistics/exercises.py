"""Chapter 9's exercises, as entries of the shared registry (chapters.sqlkit)."""

from chapters.ch09_statistics import generate
from chapters.ch09_statistics.solutions.count_salary_categories import count_salary_categories
from chapters.ch09_statistics.solutions.immediate_food_delivery import food_delivery
from chapters.ch09_statistics.solutions.number_of_rich_customers import count_rich_customers
from chapters.sqlkit import Exercise

EXERCISES = [
    Exercise(
        slug="number_of_rich_customers",
        number=2082,
        title="The Number of Rich Customers",
        chapter=9,
        statement="""
A customer is rich when at least one of their bills is above 500 (500 itself is not). Report
how many distinct rich customers there are, as one row with one column, rich_count. Bills with
no customer or no amount count for nobody.
""",
        tables={"Store": {"bill_id": "Int64", "customer_id": "Int64", "amount": "Int64"}},
        solve=count_rich_customers,
        generate=generate.bills,
        expected_dtypes={"rich_count": "Int64"},
    ),
    Exercise(
        slug="immediate_food_delivery",
        number=1173,
        title="Immediate Food Delivery I",
        chapter=9,
        statement="""
An order is immediate when the customer wants it delivered on the day it was placed
(customer_pref_delivery_date = order_date). Report the percentage of immediate orders, rounded
to 2 decimal places half away from zero (as MySQL rounds exact numbers), as
immediate_percentage; NULL when there are no orders.
""",
        tables={
            "Delivery": {
                "delivery_id": "Int64",
                "customer_id": "Int64",
                "order_date": "datetime64[ns]",
                "customer_pref_delivery_date": "datetime64[ns]",
            }
        },
        solve=food_delivery,
        generate=generate.deliveries,
        expected_dtypes={"immediate_percentage": "float64"},
    ),
    Exercise(
        slug="count_salary_categories",
        number=1907,
        title="Count Salary Categories",
        chapter=9,
        statement="""
Sort the accounts by monthly income: "Low Salary" below 20000, "Average Salary" from 20000 to
50000 (both included), "High Salary" above 50000. Report category and accounts_count for all
three categories, in any order, with 0 where no account falls. An account without an income
falls in none.
""",
        tables={"Accounts": {"account_id": "Int64", "income": "Int64"}},
        solve=count_salary_categories,
        generate=generate.incomes,
        expected_dtypes={"accounts_count": "Int64"},
    ),
]
