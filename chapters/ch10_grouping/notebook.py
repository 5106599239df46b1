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
# Grouping turns many rows into one row per key. pandas says it with
# `groupby(...).agg(...)`, SQL with `GROUP BY`. The two agree on the idea and
# disagree on the details that bite: what happens to NULL keys, whether `'Pen'`
# and `'pen'` are one group, which order strings come out in, and what the server
# does when you select a column you did not group by.
#
# Run it: `make chapter-10` (walk-through, then tests), or
# `.venv/bin/python -m chapters.ch10_grouping` and
# `.venv/bin/python -m pytest chapters/ch10_grouping`.

# %% [markdown]
# ## What you'll learn
#
# * `GROUP BY` next to `groupby(...).agg(...)` with named aggregations;
# * `HAVING` next to filtering the aggregated frame;
# * why `ONLY_FULL_GROUP_BY` refuses a column that is neither grouped nor aggregated;
# * `GROUP_CONCAT(DISTINCT ... ORDER BY ... SEPARATOR ',')` next to a sorted `",".join`;
# * NULL keys: `GROUP BY` keeps them as a group, `groupby` drops them unless `dropna=False`;
# * ordering under a case-insensitive collation versus Python's code-point order;
# * what "the customer with the most orders" means when two customers tie.

# %% [markdown]
# Every example uses one small table, `Sales`. It holds two traps on purpose: the
# items `'pen'` and `'Pen'`, and two sales with no seller (NULL). On the server it
# is created by this block, which runs before the others:

# %%
# ruff: noqa: B015, B018, E401, E501, E702, F401, I001 (the lesson's code, as in README.md)
# generated from README.md by `python -m common.lesson`: edit the README, not this file
from chapters.sqlkit.lesson import sql  # runs each SQL block on a throwaway database
sql(r"""
CREATE TABLE Sales (
    sale_id INT NOT NULL,
    day DATE NOT NULL,
    seller VARCHAR(50),
    item VARCHAR(50) NOT NULL,
    amount INT NOT NULL,
    PRIMARY KEY (sale_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
INSERT INTO Sales VALUES
    (1, '2024-05-01', 'Ana', 'pen', 3), (2, '2024-05-01', 'Ana', 'Pen', 4),
    (3, '2024-05-01', 'Bo', 'apple', 10), (4, '2024-05-02', 'Ana', 'Banana', 2),
    (5, '2024-05-02', 'Bo', 'pen', 5), (6, '2024-05-02', NULL, 'cup', 7),
    (7, '2024-05-02', NULL, 'apple', 1), (8, '2024-05-03', 'Cy', 'Zip', 8);
""")

# %% [markdown]
# and in pandas by `chapters/ch10_grouping/demo.py` (a test checks that the two hold
# the same rows):

# %%
import pandas as pd
from chapters.ch10_grouping.demo import sales
sales = sales()
sales

# %% [markdown]
# The SQL blocks below end with the rows the server returns, as `-- =>` comments;
# the walk-through and a test (`chapters/sqlkit/tests/test_lessons.py`) run every
# block in order and check them.

# %% [markdown]
# ## 1. GROUP BY and named aggregations
#
# One row per day, with the number of sales and their total:

# %%
sql(r"""
SELECT day, COUNT(*) AS sales, SUM(amount) AS total
FROM Sales
GROUP BY day;
-- => ('2024-05-01', 3, 17)
-- => ('2024-05-02', 4, 15)
-- => ('2024-05-03', 1, 8)
""")

# %% [markdown]
# In pandas, a named aggregation is `new_column=(source_column, function)`; it
# names the output the way `AS` does. `as_index=False` keeps the key as a column,
# as SQL does.

# %%
sales.groupby("day", as_index=False).agg(sales=("sale_id", "count"), total=("amount", "sum"))

# %% [markdown]
# Two differences to keep in mind. pandas sorts the groups by key (`sort=True` is
# the default); SQL promises no order at all without `ORDER BY`. And
# `COUNT(*)` counts rows while `COUNT(col)` and pandas' `"count"` skip NULLs:
# `"size"` is pandas' `COUNT(*)`.
#
# Counting rows is not counting different values. `COUNT(DISTINCT col)`, pandas'
# `"nunique"`, counts each value once (Ana sold twice on May 1st):

# %%
sql(r"""
SELECT day, COUNT(seller) AS sales_with_seller, COUNT(DISTINCT seller) AS sellers
FROM Sales
GROUP BY day;
-- => ('2024-05-01', 3, 2)
-- => ('2024-05-02', 2, 2)
-- => ('2024-05-03', 1, 1)
""")

# %%
sales.groupby("day", as_index=False).agg(sellers=("seller", "nunique"))

# %% [markdown]
# Aggregates skip NULL values, and a group left with no value to add up sums to
# NULL in SQL; pandas' `sum()` says 0 there, unless you pass `min_count=1`:

# %%
visits = pd.DataFrame({"k": [1, 1, 2], "minutes": pd.array([None, None, 5], dtype="Int64")})
visits.groupby("k")["minutes"].sum().tolist()

# %%
visits.groupby("k")["minutes"].sum(min_count=1).tolist()

# %% [markdown]
# Skipping NULLs also means that `SUM(a - b)` and `SUM(a) - SUM(b)` differ as soon
# as some `a` is NULL: the first leaves out the whole row, the second still
# subtracts its `b`.

# %% [markdown]
# ## 2. HAVING: filtering the groups
#
# `WHERE` filters rows before they are grouped; `HAVING` filters the groups
# after. Days whose total reaches 15:

# %%
sql(r"""
SELECT day, SUM(amount) AS total
FROM Sales
GROUP BY day
HAVING SUM(amount) >= 15;
-- => ('2024-05-01', 17)
-- => ('2024-05-02', 15)
""")

# %% [markdown]
# pandas has no separate keyword: aggregate, then filter the result like any frame.

# %%
totals = sales.groupby("day", as_index=False).agg(total=("amount", "sum"))
totals[totals["total"] >= 15]

# %% [markdown]
# ## 3. ONLY_FULL_GROUP_BY: one value per group, or an error
#
# Each output row stands for a whole group, so every selected column must be a
# grouping key or an aggregate. Asking for `item` per day is a question with
# several answers per group, and with `ONLY_FULL_GROUP_BY` (MySQL 8's default,
# and what this tutorial's sessions set on MariaDB too) the server refuses it
# with error 1055:

# %%
sql(r"""
-- error 1055
SELECT day, item, SUM(amount) AS total
FROM Sales
GROUP BY day;
""")

# %% [markdown]
# Without that mode, old MySQL and MariaDB's default quietly return *some*
# `item` of each group. Say which one you want instead: group by it, or
# aggregate it (`MIN(item)`, `GROUP_CONCAT(item)`).

# %%
sql(r"""
SELECT day, MIN(amount) AS smallest, MAX(amount) AS largest
FROM Sales
GROUP BY day;
-- => ('2024-05-01', 3, 10)
-- => ('2024-05-02', 1, 7)
-- => ('2024-05-03', 8, 8)
""")

# %% [markdown]
# pandas never refuses: `.agg(first_item=("item", "first"))` picks the first row's
# value (in the frame's current order), which is exactly the silent choice the SQL
# mode forbids.
#
# MySQL 8 and MariaDB differ here. MySQL 8 sees *functional dependence*: after
# `GROUP BY sale_id` (the primary key) it accepts any column of `Sales`, and it
# offers `ANY_VALUE(item)` to say "any one will do". MariaDB 10.11 has neither:
# it refuses `SELECT sale_id, item FROM Sales GROUP BY sale_id` and has no
# `ANY_VALUE`. Portable SQL groups by every selected column.

# %% [markdown]
# ## 4. GROUP_CONCAT next to a sorted join
#
# `GROUP_CONCAT` glues a group's values into one string. `DISTINCT`, `ORDER BY`
# and `SEPARATOR` go inside the parentheses:

# %%
sql(r"""
SELECT day,
       GROUP_CONCAT(DISTINCT item COLLATE utf8mb4_bin
                    ORDER BY item COLLATE utf8mb4_bin SEPARATOR ',') AS items
FROM Sales
GROUP BY day
ORDER BY day;
-- => ('2024-05-01', 'Pen,apple,pen')
-- => ('2024-05-02', 'Banana,apple,cup,pen')
-- => ('2024-05-03', 'Zip')
""")

# %% [markdown]
# pandas: drop the duplicates, sort, then join each group's strings.

# %%
sold = sales.drop_duplicates(["day", "item"]).sort_values(["day", "item"])
sold.groupby("day", as_index=False).agg(items=("item", ",".join))

# %% [markdown]
# Why the `COLLATE utf8mb4_bin`? Section 6 explains it. Two more facts:
# `GROUP_CONCAT` skips NULLs (a group of only NULLs gives NULL), and its result is
# cut at `group_concat_max_len` bytes, with only a warning: 1024 on MySQL 8,
# 1 MiB on MariaDB. Raise it for long lists: the solution of 1484 starts with
# `SET SESSION group_concat_max_len = 1000000`, or a day with many products would be
# cut short on MySQL 8 (the benchmark's big tables reach that).

# %%
sql(r"""
SET SESSION group_concat_max_len = 8;
SELECT GROUP_CONCAT(item ORDER BY sale_id SEPARATOR ',') AS items FROM Sales;
-- => ('pen,Pen,',)
""")

# %% [markdown]
# ## 5. NULL keys: a group in SQL, gone in pandas
#
# Two sales have no seller. `GROUP BY` puts all NULL keys into one group of their own:

# %%
sql(r"""
SELECT seller, SUM(amount) AS total
FROM Sales
GROUP BY seller;
-- => ('Ana', 9)
-- => ('Bo', 15)
-- => ('Cy', 8)
-- => (None, 8)
""")

# %% [markdown]
# `groupby` drops rows whose key is NaN unless you ask for `dropna=False`:

# %%
sales.groupby("seller", as_index=False).agg(total=("amount", "sum"))

# %%
sales.groupby("seller", as_index=False, dropna=False).agg(total=("amount", "sum"))

# %% [markdown]
# That is why the solutions of 2356 and 1693 pass `dropna=False`. Aggregates
# skip NULL *values* on both sides: `COUNT(DISTINCT col)` and `nunique()` both
# ignore them.

# %% [markdown]
# ## 6. Case-insensitive collations: grouping and ordering
#
# The tables use `utf8mb4_unicode_ci`, a case- (and accent-) insensitive
# collation. Under it `'pen' = 'Pen'`, so `GROUP BY item` makes one group of both
# spellings, and `COUNT(DISTINCT item)` counts them once:

# %%
sql(r"""
SELECT COUNT(DISTINCT item) AS ignoring_case,
       COUNT(DISTINCT item COLLATE utf8mb4_bin) AS exact
FROM Sales;
-- => (5, 6)
""")

# %%
sql(r"""
SELECT LOWER(item) AS folded, COUNT(*) AS n
FROM Sales
GROUP BY item;
-- => ('apple', 2)
-- => ('banana', 1)
-- => ('cup', 1)
-- => ('pen', 3)
-- => ('zip', 1)
""")

# %% [markdown]
# pandas compares strings exactly; to group the way the server does, group by a
# folded key:

# %%
sales.groupby("item").size().to_dict()

# %%
sales.groupby(sales["item"].str.lower()).size().to_dict()

# %% [markdown]
# Ordering differs the same way. The collation sorts `apple` before `Banana`;
# Python sorts by code point, and every capital letter comes before every small
# one:

# %%
sql(r"""
SELECT item FROM Sales WHERE day = '2024-05-02' ORDER BY item;
-- => ('apple',)
-- => ('Banana',)
-- => ('cup',)
-- => ('pen',)
""")

# %%
sql(r"""
SELECT item FROM Sales WHERE day = '2024-05-02' ORDER BY item COLLATE utf8mb4_bin;
-- => ('Banana',)
-- => ('apple',)
-- => ('cup',)
-- => ('pen',)
""")

# %%
sorted(sales.loc[sales["day"] == "2024-05-02", "item"])

# %% [markdown]
# So when an answer holds sorted or distinct strings, pick one meaning and make
# both sides use it. This chapter picks Python's: the SQL of 1484 says
# `COLLATE utf8mb4_bin` for `DISTINCT`, `ORDER BY` and `COUNT(DISTINCT ...)`.
# Two limits of that choice: `utf8mb4_bin` still pads with spaces, so `'pen'`
# and `'pen '` stay equal (the test data has no trailing spaces), and `LOWER`
# is not the collation (it does not fold accents), so `str.lower()` only
# imitates `_ci` on plain ASCII. MySQL 8's own default collation,
# `utf8mb4_0900_ai_ci`, is also case-insensitive but does not pad.

# %% [markdown]
# ## 7. Ties: "the" customer with the most orders
#
# 586 asks for the customer who placed the most orders. The common answers,
# `ORDER BY COUNT(*) DESC LIMIT 1` and pandas' `idxmax()`, keep one customer
# when two tie, and which one is up to the engine. The example data of 586 has
# such a tie (customers 2 and 3, three orders each), and this chapter decides:
# **report every tied customer**. The SQL compares each count with the largest,
# the pandas side compares with `counts.max()`:

# %%
orders = pd.DataFrame({"order_number": range(10, 19),
                       "customer_number": [1, 2, 3, 2, 1, 3, 4, 3, 2]})
counts = orders.groupby("customer_number").size()
int(counts.idxmax())

# %%
counts[counts == counts.max()].index.tolist()

# %% [markdown]
# `tests/test_traps.py` runs the `LIMIT 1` version on the server and shows it
# returns a single row for this data.

# %% [markdown]
# ## Traps
#
# * Selecting a column that is neither grouped nor aggregated: error 1055 under
#   `ONLY_FULL_GROUP_BY`, an arbitrary value without it, `first` in pandas.
# * `GROUP BY` keeps NULL keys as one group; `groupby` drops them unless `dropna=False`.
# * `SUM` over a group of only NULLs is NULL; pandas' `sum()` gives 0 unless
#   `min_count=1` (1741's solution uses it for visits with no `out_time`).
# * `_ci` collations group and order case-insensitively; pandas uses exact
#   strings and code-point order. `COLLATE utf8mb4_bin` makes SQL exact.
# * `GROUP_CONCAT` is truncated at `group_concat_max_len` with only a warning.
# * "The largest" with ties: `LIMIT 1` and `idxmax()` silently pick one.
# * No `ORDER BY`, no order: `groupby` sorts keys, the server does not promise to.

# %% [markdown]
# ## Exercises
#
# Solve them yourself first: `make practice EX=1741` gives you the statement and two empty
# files, and `make check EX=1741` judges your answers (see "Practice mode" in the top README).
#
# Each exercise lives in the shared registry (`chapters.sqlkit`), in three trees under its slug:
# `chapters/ch10_grouping/exercises/<slug>.py` (the statement in our own words, the pandas
# solution, hints, known wrong answers in pandas, the Hypothesis strategy of small input tables
# and the generator of big ones), `sql/ch10/<slug>/` (one DDL per input table, `solution.sql`,
# and known wrong answers in `wrong/<name>.sql`) and `data/ch10/<slug>/` (the example tables
# and the hand-written `expected.csv`).
#
# | # | slug | the point |
# |---|---|---|
# | 511 | `game_play_analysis_i` | `MIN` of a date per group |
# | 586 | `largest_orders` | the most orders, every tied customer |
# | 596 | `classes_more_than_5` | `HAVING COUNT(*) >= 5` (five is enough) |
# | 1484 | `products_by_date` | `GROUP_CONCAT(DISTINCT ... ORDER BY ...)`, exact collation |
# | 1693 | `daily_leads` | two `COUNT(DISTINCT ...)`, NULL make kept |
# | 1741 | `total_time` | group by two keys; `SUM` of only NULLs is NULL (`min_count=1`) |
# | 2356 | `unique_subjects` | `COUNT(DISTINCT ...)` = `nunique`; NULL teacher kept with `dropna=False` |

# %%
from chapters.sqlkit import by_chapter, get
[exercise.slug for exercise in by_chapter(10)]  # doctest: +NORMALIZE_WHITESPACE

# %%
exercise = get("products_by_date")
exercise.run_pandas(exercise.example_frames())

# %%
[(w.language, w.trap) for w in exercise.wrong_answers()]  # doctest: +NORMALIZE_WHITESPACE

# %% [markdown]
# The shared tests (`chapters/sqlkit/tests/test_exercises.py`) check each solution against
# `expected.csv`, and then Hypothesis feeds both solutions generated tables (NULLs, ties,
# duplicates, empty tables, mixed case, accents and emoji in 1484) and checks that pandas and
# the server agree. The judge's own test checks that every known wrong answer fails, with its
# trap named.

# %% [markdown]
# ## Summary
#
# * `GROUP BY k` ≈ `groupby(k, as_index=False, dropna=False).agg(name=(col, fn))`;
#   `HAVING` is a filter on the aggregated frame.
# * Every selected column is a key or an aggregate; pandas' `first` is the
#   silent choice SQL refuses.
# * `GROUP_CONCAT(DISTINCT x ORDER BY x SEPARATOR ',')` ≈ drop duplicates, sort,
#   `",".join`; mind `group_concat_max_len`.
# * Decide how strings compare (case, order) and make both sides do it; in this
#   chapter SQL says `COLLATE utf8mb4_bin` where pandas' exact order matters.
# * Decide what a tie returns before writing "the largest".

# %%
sql.close()  # drops the lesson's throwaway database
