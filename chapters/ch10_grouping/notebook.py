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
# # Chapter 10: grouping, in pandas and in MySQL
#
# Read along with `chapters/ch10_grouping/README.md`. Every pandas cell has an SQL twin that
# runs on the server (a MySQL-family server must answer: `make db`). The notebook works in a
# database of its own, created here and dropped in the last cell, so it is safe to rerun.

# %%
# ruff: noqa: B018 (a bare expression at the end of a cell displays its value)
import uuid

import pandas as pd

from chapters.ch10_grouping import demo
from chapters.sqlkit import by_chapter
from common import db

DATABASE = f"nb10_{uuid.uuid4().hex[:8]}"
engine = db.get_engine(DATABASE)
with engine.begin() as conn:
    demo.load(conn)


def sql(query: str) -> pd.DataFrame:
    """Run one query on the notebook's database."""
    with engine.connect() as conn:
        return db.query_frame(conn, query)


sales = demo.sales()
sales

# %% [markdown]
# ## 1. GROUP BY next to named aggregations

# %%
sales.groupby("day", as_index=False).agg(sales=("sale_id", "count"), total=("amount", "sum"))

# %%
sql("SELECT day, COUNT(*) AS sales, SUM(amount) AS total FROM Sales GROUP BY day")

# %% [markdown]
# ## 2. HAVING next to filtering the aggregate

# %%
totals = sales.groupby("day", as_index=False).agg(total=("amount", "sum"))
totals[totals["total"] >= 15]

# %%
sql("SELECT day, SUM(amount) AS total FROM Sales GROUP BY day HAVING SUM(amount) >= 15")

# %% [markdown]
# ## 3. ONLY_FULL_GROUP_BY refuses a column that is neither grouped nor aggregated

# %%
try:
    sql("SELECT day, item FROM Sales GROUP BY day")
except Exception as error:  # the server's error 1055
    print(str(error).splitlines()[0])

# %% [markdown]
# ## 4. GROUP_CONCAT next to a sorted join

# %%
sold = sales.drop_duplicates(["day", "item"]).sort_values(["day", "item"])
sold.groupby("day", as_index=False).agg(items=("item", ",".join))

# %%
sql(
    """
    SELECT day, GROUP_CONCAT(DISTINCT item COLLATE utf8mb4_bin
                             ORDER BY item COLLATE utf8mb4_bin SEPARATOR ',') AS items
    FROM Sales GROUP BY day ORDER BY day
    """
)

# %% [markdown]
# ## 5. NULL keys: a group in SQL, dropped by groupby unless `dropna=False`

# %%
sales.groupby("seller", as_index=False, dropna=False).agg(total=("amount", "sum"))

# %%
sql("SELECT seller, SUM(amount) AS total FROM Sales GROUP BY seller")

# %% [markdown]
# ## 6. Case-insensitive grouping and ordering under `utf8mb4_unicode_ci`

# %%
sales.groupby("item").size()

# %%
sql("SELECT LOWER(item) AS folded, COUNT(*) AS n FROM Sales GROUP BY item")

# %%
sql("SELECT item FROM Sales WHERE day = '2024-05-02' ORDER BY item")

# %%
sql("SELECT item FROM Sales WHERE day = '2024-05-02' ORDER BY item COLLATE utf8mb4_bin")

# %% [markdown]
# ## The exercises: pandas and SQL on each example

# %%
for exercise in by_chapter(10):
    frames = exercise.example_frames()
    with engine.begin() as conn:
        exercise.load_examples(conn)
        from_sql = exercise.run_sql(conn)
    from_pandas = exercise.run_pandas(frames)
    exercise.check(from_pandas, exercise.expected())
    exercise.check(from_sql, exercise.expected())
    print(f"{exercise.number:>5} {exercise.slug:<22} pandas == SQL == expected")

# %%
engine.dispose()
db.drop_database(DATABASE)
