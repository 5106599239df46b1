"""607. Sales Person: an anti-join with NOT EXISTS, a NULL in the list, and an exact name."""

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import days, ints, text
from chapters.sqlkit.strategies import frame, key_text, tricky_text

STATEMENT = """
SalesPerson lists the sales team, Company the customers, Orders who sold to whom. Report the
names of the salespeople who never took an order from a company named exactly 'RED' (case
included: 'red' is another company). Orders with a NULL sales_id or com_id belong to nobody.
Any order.
"""


def sales_person(
    sales_person: pd.DataFrame, company: pd.DataFrame, orders: pd.DataFrame
) -> pd.DataFrame:
    """Salespeople who never sold to the company named exactly 'RED'."""
    red = company.loc[company["name"] == "RED", "com_id"]
    sold_to_red = orders.loc[orders["com_id"].isin(red), "sales_id"]
    # ~isin is an anti-join that ignores a NULL in sold_to_red; SQL's NOT IN would not.
    return sales_person.loc[~sales_person["sales_id"].isin(sold_to_red), ["name"]]


@wrong("a join repeats a salesperson once per order", "1. Inner and left joins")
def one_row_per_order(
    sales_person: pd.DataFrame, company: pd.DataFrame, orders: pd.DataFrame
) -> pd.DataFrame:
    """Filters the joined rows: each order that is not for RED lets its salesperson in again."""
    sold = orders.merge(company, on="com_id", how="left")
    both = sales_person.merge(sold, on="sales_id", how="left", suffixes=("", "_company"))
    return both.loc[both["name_company"] != "RED", ["name"]]


def ids(high: int, null: bool = True) -> st.SearchStrategy:
    """Small ids, so that keys meet; NULL too unless null=False."""
    values = st.integers(0, high)
    return st.one_of(st.none(), values) if null else values


# 'RED' is drawn often, so that orders for it (with a NULL sales_id too) are common.
COMPANY_NAME = st.one_of(
    st.just("RED"), st.none(), st.sampled_from(["RED", "red", "Red", "BLUE"]), key_text()
)
DATES = st.one_of(st.none(), st.dates(dt.date(2019, 1, 1), dt.date(2021, 12, 31)))


def tables() -> st.SearchStrategy:
    """A few salespeople and companies, orders with NULL or unknown ids, 'RED' next to 'red'."""
    sales_people = frame(
        {
            "sales_id": ids(6, False),
            "name": st.one_of(st.none(), tricky_text()),
            "salary": ids(10**5),
            "commission_rate": ids(30),
            "hire_date": DATES,
        },
        {
            "sales_id": "Int64",
            "salary": "Int64",
            "commission_rate": "Int64",
            "hire_date": "datetime64[ns]",
        },
        max_rows=6,
        unique=("sales_id",),
    )
    company = frame(
        {
            "com_id": ids(5, False),
            "name": COMPANY_NAME,
            "city": st.one_of(st.none(), tricky_text()),
        },
        {"com_id": "Int64"},
        max_rows=5,
        unique=("com_id",),
    )
    orders = frame(
        {
            "order_id": ids(10**6, False),
            "order_date": DATES,
            "com_id": ids(6),
            "sales_id": ids(7),
            "amount": ids(10**4),
        },
        {
            "order_id": "Int64",
            "order_date": "datetime64[ns]",
            "com_id": "Int64",
            "sales_id": "Int64",
            "amount": "Int64",
        },
        unique=("order_id",),
    )
    return st.fixed_dictionaries(
        {"SalesPerson": sales_people, "Company": company, "Orders": orders}
    )


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n orders of n/100 salespeople to n/1000 companies; 'RED' is rare, 'red' is another."""
    people = max(n // 100, 5)
    companies = max(n // 1000, 5)
    sales_people = pd.DataFrame(
        {
            "sales_id": ints(np.arange(people)),
            "name": text("seller", np.arange(people)),
            "salary": ints(rng.integers(1_000, 100_000, people)),
            "commission_rate": ints(rng.integers(0, 30, people)),
            "hire_date": days(rng.integers(0, 4 * 365, people), "2020-01-01"),
        }
    )
    company_names = text("company", np.arange(companies))
    company_names[0], company_names[1] = "RED", "red"
    company = pd.DataFrame(
        {
            "com_id": ints(np.arange(companies)),
            "name": company_names,
            "city": text("city", np.arange(companies) % 7),
        }
    )
    com_id = np.where(rng.random(n) < 0.002, 0, rng.integers(1, companies, n))
    orders = pd.DataFrame(
        {
            "order_id": ints(np.arange(n)),
            "order_date": days(rng.integers(0, 4 * 365, n), "2020-01-01"),
            "com_id": ints(com_id, rng, 0.01),
            "sales_id": ints(rng.integers(0, people, n), rng, 0.01),
            "amount": ints(rng.integers(1, 10_000, n)),
        }
    )
    return {"SalesPerson": sales_people, "Company": company, "Orders": orders}


EXERCISE = Exercise(
    number=607,
    title="Sales Person",
    statement=STATEMENT,
    inputs=("SalesPerson", "Company", "Orders"),
    solve=sales_person,
    strategy=tables,
    generate=generate,
    hints=(
        "Turn it round: find the salespeople who did sell to RED, then keep everybody else. "
        "That is an anti-join.",
        "NOT IN (subquery) is never true once the subquery returns a NULL, and an order for RED "
        "may have no sales_id: use NOT EXISTS (pandas: ~isin).",
        "The table's collation says 'red' = 'RED'; the task does not: compare with "
        "c.name COLLATE utf8mb4_bin = 'RED' inside the NOT EXISTS.",
    ),
    wrong=(one_row_per_order,),
)
