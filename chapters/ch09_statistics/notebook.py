# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Chapter 9: statistics, pandas next to MySQL
#
# Read along with `README.md`. The SQL cells run on the server from `MYSQL_URL` (start one
# with `make db`) in a database of their own, `nb09_statistics`, whose tables are dropped and
# recreated on every run, so the notebook can be rerun at will.

# %%
# ruff: noqa: B018 (a bare expression at the end of a cell displays its value)
import pandas as pd

from chapters.ch09_statistics.categories import count_with_zeros
from chapters.ch09_statistics.counting import counts, counts_sql
from chapters.ch09_statistics.rounding import percentage_half_up, round_half_up
from chapters.sqlkit import by_chapter, get
from common import db
from common.frames import frame_differences

engine = db.get_engine("nb09_statistics")
with engine.begin() as conn:
    for exercise in by_chapter(9):  # Store, Delivery and Accounts: distinct names, one database
        exercise.load_examples(conn)


def sql(query):
    """Run one query on the notebook's database."""
    with engine.connect() as conn:
        return db.query_frame(conn, query)


store = get("number_of_rich_customers").example_frames()["Store"]
delivery = get("immediate_food_delivery").example_frames()["Delivery"]
accounts = get("count_salary_categories").example_frames()["Accounts"]

# %% [markdown]
# ## 1. Counting: `size` / `count` / `nunique` next to `COUNT(*)` / `COUNT(col)` / `COUNT(DISTINCT col)`

# %%
counts(store["customer_id"])

# %%
sql(counts_sql("Store", "customer_id"))

# %% [markdown]
# Under the `_ci` collation 'Ann' and 'ann' are one value; `nunique` sees two.

# %%
names = pd.Series(["Ann", "ann", "Bo"])
names.nunique(), names.str.casefold().nunique()

# %%
sql("SELECT COUNT(DISTINCT name) AS names FROM (SELECT 'Ann' AS name UNION ALL SELECT 'ann' "
    "UNION ALL SELECT 'Bo') AS t")

# %% [markdown]
# ## 2. The average of a condition, and NULL

# %%
immediate = delivery["order_date"] == delivery["customer_pref_delivery_date"]
immediate.mean(), (accounts["income"] >= 20000).mean(), (accounts["income"].astype(float) >= 20000).mean()

# %%
sql("SELECT (SELECT AVG(order_date = customer_pref_delivery_date) FROM Delivery) AS immediate, "
    "(SELECT AVG(income >= 20000) FROM Accounts) AS at_least_20000")

# %% [markdown]
# ## 3. Rounding: half away from zero on the server, half to even in pandas

# %%
pd.Series([3.125, 15.625]).round(2).tolist(), pd.Series([2.5, -2.5]).round().tolist()

# %%
sql("SELECT ROUND(3.125, 2), ROUND(15.625, 2), ROUND(2.5), ROUND(-2.5)")

# %%
percentage_half_up(5, 32), round(2.675, 2), round_half_up(2.675)

# %% [markdown]
# ## 4. Categories with a count of 0

# %%
category = pd.Series(["Low Salary", "Average Salary", "Low Salary"])
category.value_counts(), count_with_zeros(category, ["Low Salary", "Average Salary", "High Salary"])

# %%
sql(get("count_salary_categories").solution_sql)

# %% [markdown]
# ## 5. SUM over no rows: NULL in SQL, 0 in pandas (unless `min_count=1`)

# %%
high = accounts.loc[(accounts["income"] > 50000).fillna(False), "income"]
high.sum(), high.sum(min_count=1)

# %%
sql("SELECT SUM(income) AS total, COALESCE(SUM(income), 0) AS or_zero FROM Accounts "
    "WHERE income > 50000")

# %% [markdown]
# ## Every exercise, both ways

# %%
for exercise in by_chapter(9):
    with engine.begin() as conn:
        exercise.load_examples(conn)
        from_sql = exercise.run_sql(conn)
    from_pandas = exercise.run_pandas(exercise.example_frames())
    problems = frame_differences(from_pandas, from_sql, check_order=exercise.ordered)
    print(f"{exercise.number:>5} {exercise.slug:<28} {'agree' if not problems else problems}")
    assert not problems
engine.dispose()
