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
# Counting rows, averaging a condition, rounding, and reporting categories nobody falls in.
# Small questions, but each hides a place where pandas and SQL give different answers to what
# looks like the same code. Three exercises: 2082, 1173 and 1907.
#
# Run it: `make chapter-9` (the walk-through, then the tests), or
# `.venv/bin/python -m chapters.ch09_statistics` for the walk-through alone. The SQL needs a MySQL-family
# server (`make db`, or set `MYSQL_URL`).
#
# The SQL blocks run on the example tables of the three exercises (`Store`, `Delivery`,
# `Accounts`, in `data/ch09/`): a block's first line `-- tables: <slug>` names the exercise whose
# tables it needs, and the block ends with the rows the server returns as `-- =>` comments. The
# walk-through and `chapters/sqlkit/tests/test_lessons.py` load those tables into a throwaway
# database, run every block and check those rows.

# %% [markdown]
# ## What you'll learn
#
# * `COUNT(*)`, `COUNT(col)` and `COUNT(DISTINCT col)` next to `size`, `count` and `nunique`.
# * `AVG` of a condition as a share or a percentage, and what NULL does to it.
# * `ROUND`: MySQL rounds exact numbers half away from zero, pandas and numpy half to even.
# * Categories that must appear with a count of 0: a list of categories in SQL, `reindex` in
#   pandas.
# * `SUM` over no rows is NULL in SQL and 0 in pandas.

# %% [markdown]
# ## 1. Counting three ways
#
# Each SQL count has a pandas twin:
#
# | SQL | pandas | counts |
# |---|---|---|
# | `COUNT(*)` | `size` | rows |
# | `COUNT(col)` | `count()` | non-NULL values |
# | `COUNT(DISTINCT col)` | `nunique()` | distinct non-NULL values |

# %%
# ruff: noqa: B015, B018, E401, E501, E702, F401, I001 (the lesson's code, as in README.md)
# generated from README.md by `python -m common.lesson`: edit the README, not this file
from chapters.sqlkit.lesson import sql  # runs each SQL block on a throwaway database
import pandas as pd
from chapters.sqlkit import get
from chapters.ch09_statistics.counting import counts
store = get("number_of_rich_customers").example_frames()["Store"]
store["customer_id"].tolist()

# %%
counts(store["customer_id"])

# %%
sql(r"""
-- tables: number_of_rich_customers
SELECT COUNT(*) AS size, COUNT(customer_id) AS count, COUNT(DISTINCT customer_id) AS nunique
FROM Store;
-- => (9, 8, 6)
""")

# %% [markdown]
# Exercise 2082 counts the customers with at least one bill above 500. A customer with two such
# bills is one customer, hence `DISTINCT`; the bill with no customer counts for nobody, and both
# `COUNT(DISTINCT ...)` and `nunique()` skip NULL:

# %%
sql(r"""
-- tables: number_of_rich_customers
SELECT COUNT(DISTINCT customer_id) AS rich_count FROM Store WHERE amount > 500;
-- => (3,)
""")

# %% [markdown]
# One place where they disagree: text. Under the `utf8mb4_unicode_ci` collation `'Ann'` and
# `'ann'` are equal, so `COUNT(DISTINCT ...)` counts them once; `nunique()` compares code points.

# %%
sql(r"""
SELECT COUNT(DISTINCT name) AS names
FROM (SELECT 'Ann' AS name UNION ALL SELECT 'ann' UNION ALL SELECT 'Bo') AS t;
-- => (2,)
""")

# %%
pd.Series(["Ann", "ann", "Bo"]).nunique()

# %%
pd.Series(["Ann", "ann", "Bo"]).str.casefold().nunique()

# %% [markdown]
# ## 2. The average of a condition
#
# In MySQL a comparison is a number, 1 or 0 (or NULL), so `AVG(condition)` is the share of rows
# where it holds, and `100 * AVG(...)` a percentage. In pandas a boolean Series has a `mean()`
# that does the same. Exercise 1173: 5 of its 32 orders are wanted on the day they are placed.

# %%
delivery = get("immediate_food_delivery").example_frames()["Delivery"]
immediate = delivery["order_date"] == delivery["customer_pref_delivery_date"]
int(immediate.sum()), len(delivery), float(immediate.mean())

# %%
sql(r"""
-- tables: immediate_food_delivery
SELECT AVG(order_date = customer_pref_delivery_date) AS share,
       ROUND(100 * AVG(order_date = customer_pref_delivery_date), 2) AS immediate_percentage
FROM Delivery;
-- => (0.1563, 15.63)
""")

# %% [markdown]
# `AVG` of whole numbers is a `DECIMAL` with 4 more decimal places (`div_precision_increment`),
# rounded: 0.15625 becomes 0.1563. That does not change the rounded percentage, as 0.1563 times
# 100 is already 15.63.
#
# NULL changes the denominator. `income >= 20000` is NULL where the income is NULL, and `AVG`
# skips NULLs: of the 6 accounts of exercise 1907, 2 of the 5 with an income qualify.

# %%
sql(r"""
-- tables: count_salary_categories
SELECT AVG(income >= 20000) AS share, SUM(income >= 20000) AS yes, COUNT(*) AS accounts
FROM Accounts;
-- => (0.4, 2, 6)
""")

# %% [markdown]
# pandas agrees with nullable integers (`Int64`: the comparison gives `<NA>`, which `mean`
# skips), but not with a float column, where `NaN >= 20000` is simply `False`:

# %%
accounts = get("count_salary_categories").example_frames()["Accounts"]
float((accounts["income"] >= 20000).mean())

# %%
float((accounts["income"].astype("float64") >= 20000).mean())

# %% [markdown]
# ## 3. Rounding: half away from zero, or half to even
#
# `ROUND` on an exact number (a `DECIMAL` column, a literal such as `3.125`, the result of `AVG`)
# rounds a 5 away from zero. numpy and pandas round a 5 to the even neighbour ("banker's
# rounding"), and so does Python's `round`.

# %%
sql(r"""
SELECT ROUND(3.125, 2), ROUND(2.5), ROUND(-2.5), ROUND(0.5);
-- => (3.13, 3, -3, 1)
""")

# %%
pd.Series([2.5, -2.5, 0.5]).round().tolist()

# %%
pd.Series([3.125, 15.625]).round(2).tolist()

# %% [markdown]
# So the obvious pandas answer to 1173, `round(100 * immediate.mean(), 2)`, gives 15.62 on the
# example where MySQL gives 15.63. The solution rounds the exact fraction 5/32 half up, with
# integers only, the way MySQL's `DECIMAL` arithmetic does:

# %%
from chapters.ch09_statistics.rounding import percentage_half_up, round_half_up
percentage_half_up(5, 32)

# %%
percentage_half_up(0, 0) is None    # AVG over no rows is NULL

# %% [markdown]
# There is a second, separate cause of surprises: most decimals have no exact binary float.
# `2.675` is stored as 2.67499999999999982236431605997495353221893310546875, so
# `round(2.675, 2)` gives 2.67 whatever the tie rule, while MySQL's exact `ROUND(2.675, 2)` gives
# 2.68. To round a number as written, go through `decimal.Decimal` of its text:

# %%
round(2.675, 2), round_half_up(2.675)

# %% [markdown]
# (On a `DOUBLE` value, MySQL's manual leaves the tie rule of `ROUND` to the C library, and
# MariaDB 10.11 turns `ROUND(2.675e0, 2)` into 2.68 although that double is just below 2.675:
# do not count on either. Keep money and percentages in `DECIMAL`.)

# %% [markdown]
# ## 4. Categories with a count of 0
#
# Exercise 1907 wants three rows, one per income category, even when a category is empty. Both
# `GROUP BY` and `value_counts` only know the categories they meet: no account has a high
# income, so there is no High row.

# %%
sql(r"""
-- tables: count_salary_categories
SELECT CASE WHEN income < 20000 THEN 'Low Salary'
            WHEN income <= 50000 THEN 'Average Salary'
            ELSE 'High Salary' END AS category,
       COUNT(*) AS accounts_count
FROM Accounts
WHERE income IS NOT NULL
GROUP BY category;
-- => ('Low Salary', 3)
-- => ('Average Salary', 2)
""")

# %% [markdown]
# The fix is to start from the list of categories, not from the data. In SQL, one `SELECT` per
# category stacked with `UNION ALL` (the exercise's solution: `COUNT(*)` over no rows is 0), or
# a small table of categories `LEFT JOIN`ed to the data:

# %%
sql(r"""
-- tables: count_salary_categories
SELECT c.category, COUNT(a.account_id) AS accounts_count
FROM (
    SELECT 'Low Salary' AS category, -2147483648 AS low, 19999 AS high
    UNION ALL SELECT 'Average Salary', 20000, 50000
    UNION ALL SELECT 'High Salary', 50001, 2147483647
) AS c
LEFT JOIN Accounts AS a ON a.income BETWEEN c.low AND c.high
GROUP BY c.category, c.low
ORDER BY c.low;
-- => ('Low Salary', 3)
-- => ('Average Salary', 2)
-- => ('High Salary', 0)
""")

# %% [markdown]
# Count a column of the joined table, `COUNT(a.account_id)`: an unmatched category still gets
# one row, padded with NULLs, and `COUNT(*)` would count it as 1.
#
# In pandas, `reindex` the counts on the full list, filling the missing ones with 0:

# %%
from chapters.ch09_statistics.categories import count_with_zeros
labels = pd.Series(["Low Salary", "Average Salary", "Low Salary"])
count_with_zeros(labels, ["Low Salary", "Average Salary", "High Salary"])

# %% [markdown]
# ## 5. SUM over no rows
#
# `SUM` of no rows (or of only NULLs) is NULL; pandas' `sum()` is 0. `COALESCE(SUM(x), 0)` gives
# pandas' answer in SQL, and `sum(min_count=1)` gives SQL's in pandas.

# %%
sql(r"""
-- tables: count_salary_categories
SELECT SUM(income) AS total, COALESCE(SUM(income), 0) AS or_zero, COUNT(*) AS accounts
FROM Accounts
WHERE income > 50000;
-- => (None, 0, 0)
""")

# %%
high = accounts.loc[(accounts["income"] > 50000).fillna(False), "income"]
int(high.sum()), high.sum(min_count=1)

# %% [markdown]
# This is why the 1907 solution counts with `COUNT(*)` in each branch rather than
# `SUM(income < 20000)` over the whole table: on an empty table the `SUM` is NULL, not 0.

# %%
sql(r"""
-- tables: count_salary_categories
SELECT SUM(income < 20000) AS by_sum, COUNT(*) AS by_count
FROM Accounts
WHERE account_id < 0;
-- => (None, 0)
""")

# %% [markdown]
# ## Traps
#
# * `COUNT(col)` and `count()` skip NULLs; `COUNT(*)` and `size` do not.
# * `COUNT(DISTINCT ...)` follows the collation (`'Ann'` = `'ann'`); `nunique()` does not.
# * `AVG(condition)` skips rows where the condition is NULL; pandas does the same with `Int64`,
#   not with float columns (`NaN >= x` is `False`).
# * `ROUND` on exact numbers goes half away from zero; pandas/numpy/Python go half to even, and
#   binary floats may not hold the decimal you wrote at all.
# * `GROUP BY` and `value_counts` never invent a category: start from the list of categories.
# * After a `LEFT JOIN`, `COUNT(*)` counts the NULL-padded row; count a column of the right table.
# * `SUM` over no rows is NULL, pandas gives 0: `COALESCE` or `min_count=1`.
#
# Each trap has a test on the real server in `tests/test_traps.py`.

# %% [markdown]
# ## Exercises
#
# | # | slug | pandas | MySQL |
# |---|---|---|---|
# | 1173 | `immediate_food_delivery` | `immediate_food_delivery(delivery)` | `ROUND(100 * AVG(condition), 2)` |
# | 1907 | `count_salary_categories` | `count_salary_categories(accounts)` | `UNION ALL` of three `COUNT(*)` |
# | 2082 | `number_of_rich_customers` | `number_of_rich_customers(store)` | `COUNT(DISTINCT ...)` with `WHERE` |
#
# Solve them yourself first: `make practice EX=2082` gives you the statement and two empty
# files, and `make check EX=2082` judges your answers (see "Practice mode" in the top README).
#
# Each exercise lives under its slug: its statement, pandas solution (a function named after
# the slug), hints, known wrong answers in pandas, Hypothesis strategy for small tables and
# generator of big ones in `exercises/<slug>.py`; the DDL of its tables, its MySQL solution
# `solution.sql` and known wrong answers `wrong/<name>.sql` in `sql/ch09/<slug>/`; its example
# tables and expected output in `data/ch09/<slug>/`. All three are in the shared registry, by
# problem number:

# %%
from chapters.sqlkit import by_chapter
[(e.number, e.slug) for e in by_chapter(9)]

# %%
[w.trap for w in get("immediate_food_delivery").wrong_answers()][0]

# %% [markdown]
# Try before you read the solutions: write 1173 in pandas with `Decimal` instead of integer
# arithmetic; write 1907 in SQL with the categories table and a `LEFT JOIN`; change 2082 to count
# rich customers per store size and keep the zeros.
#
# The shared tests (`chapters/sqlkit/tests/test_exercises.py`) check each solution on the example
# tables against the expected output written by hand, both ways, and, with Hypothesis, pandas
# against the server on generated tables (NULLs, values on each boundary, empty tables, up to 40
# orders for 1173, and sometimes exactly 32, where rounding ties appear); the judge's tests check
# that every known wrong answer fails with its trap named.

# %% [markdown]
# ## Summary
#
# Say what you count (rows, values, distinct values), what NULL should do to an average, how a
# tie rounds, and whether an empty category or an empty table gives a row with 0 or nothing at
# all. SQL and pandas each have a default for every one of these, and they are not the same.

# %%
sql.close()  # drops the lesson's throwaway database
