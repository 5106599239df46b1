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
# # Chapter 6 — Filtering: a query next to a boolean mask
#
# Every question in this chapter is answered twice: once with a pandas DataFrame and once with
# SQL sent to a real MySQL-family server. The two answers must agree, and the tests check that
# they do, on the examples below and on tables Hypothesis makes up.

# %% [markdown]
# ## What you'll learn
#
# - `WHERE` with `AND` / `OR` / `NOT` next to boolean masks with `&` / `|` / `~`, and why pandas
#   needs parentheses around each comparison;
# - `IS NULL` next to `isna`, and what a comparison with NULL gives;
# - choosing, reordering and renaming output columns (`SELECT a AS b` / `[[...]]` + `rename`);
# - `DISTINCT` next to `drop_duplicates` (and what `subset=` changes);
# - `ORDER BY a ASC, b DESC` next to `sort_values(by=[...], ascending=[...])`, NULLs included;
# - an anti-join two ways in each language, and why `NOT IN` returns nothing when its list
#   holds a NULL;
# - the exercise registry that chapters 6 to 11 share, used from a script of your own.
#
# Run the walk-through with `make chapter-6` (or `.venv/bin/python -m chapters.ch06_filtering` when a
# server is up: `make db`).

# %% [markdown]
# ## 1. The example tables
#
# The lesson uses two small tables. On the server they are created like this:

# %%
# ruff: noqa: B015, B018, E401, E501, E702, F401, I001 (the lesson's code, as in README.md)
# generated from README.md by `python -m common.lesson`: edit the README, not this file
from chapters.sqlkit.lesson import sql  # runs each SQL block on a throwaway database
sql(r"""
CREATE TABLE Owners (
    owner_id INT NOT NULL PRIMARY KEY,
    owner VARCHAR(40) NOT NULL
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE TABLE Pets (
    pet_id INT NOT NULL PRIMARY KEY,
    name VARCHAR(40) NOT NULL,
    species VARCHAR(40) NOT NULL,
    age INT,
    owner_id INT
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
INSERT INTO Owners VALUES (10, 'Ana'), (11, 'Ben'), (12, 'Cy'), (13, 'Dee');
INSERT INTO Pets VALUES
    (1, 'Rex', 'dog', 3, 10), (2, 'Tom', 'cat', 5, 10), (3, 'Kiwi', 'bird', NULL, 11),
    (4, 'Bella', 'dog', 8, NULL), (5, 'Milo', 'cat', 2, 12), (6, 'Rex', 'dog', 1, 11);
""")

# %% [markdown]
# and in pandas like this. `Int64` (capital I) is pandas' nullable integer: a missing value is
# `<NA>` and the column stays integer, the closest thing to an SQL `INT` that allows NULL.

# %%
import pandas as pd
owners = pd.DataFrame({"owner_id": [10, 11, 12, 13], "owner": ["Ana", "Ben", "Cy", "Dee"]})
pets = pd.DataFrame({
    "pet_id": [1, 2, 3, 4, 5, 6],
    "name": ["Rex", "Tom", "Kiwi", "Bella", "Milo", "Rex"],
    "species": ["dog", "cat", "bird", "dog", "cat", "dog"],
    "age": pd.array([3, 5, None, 8, 2, 1], dtype="Int64"),
    "owner_id": pd.array([10, 10, 11, None, 12, 11], dtype="Int64"),
})
pets

# %% [markdown]
# Every SQL block of this README runs, in order, on a throwaway database: in the walk-through,
# in the notebook and in `chapters/sqlkit/tests/test_lessons.py`. A query block ends with the
# rows it returns, one `-- =>` comment line each (`-- => no rows` when it returns none), and the
# test compares them with what the server sends back.

# %% [markdown]
# ## 2. `WHERE` and a boolean mask
#
# SQL keeps the rows for which the condition is true. `AND` binds tighter than `OR`:

# %%
sql(r"""
SELECT name, age FROM Pets
WHERE species = 'dog' AND age > 2 OR species = 'cat';
-- => ('Rex', 3)
-- => ('Tom', 5)
-- => ('Bella', 8)
-- => ('Milo', 2)
""")

# %% [markdown]
# gives Rex (3), Tom, Bella and Milo. In pandas a comparison of a column gives a Series of
# booleans, a *mask*; `&`, `|` and `~` combine masks element by element. These are Python's
# bitwise operators, and they bind **tighter** than `==` and `>`, so every comparison needs its
# own parentheses. Without them Python reads `pets.species == ("dog" & pets.age) > 2`:

# %%
try:
    pets[pets.species == "dog" & pets.age > 2]
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %%
mask = ((pets.species == "dog") & (pets.age > 2)) | (pets.species == "cat")
pets.loc[mask, ["name", "age"]]

# %% [markdown]
# `and` / `or` / `not` do not work on Series either: Python asks the whole Series for one
# truth value and pandas refuses ("The truth value of a Series is ambiguous").
#
# `NOT` is `~`. Mind what happens to Kiwi, whose age is unknown: in SQL `NULL > 2` is NULL
# (unknown), `NOT NULL` is still NULL, and the row is dropped both times:

# %%
sql(r"""
SELECT name FROM Pets WHERE NOT (age > 2);
-- => ('Milo',)
-- => ('Rex',)
""")

# %% [markdown]
# gives Milo and Rex (the second one). With `Int64` pandas behaves the same way: the
# comparison gives `<NA>`, `~<NA>` is `<NA>`, and a mask holding `<NA>` keeps the row out.

# %%
(pets.age > 2).tolist()

# %%
pets.loc[~(pets.age > 2), "name"].tolist()

# %% [markdown]
# With a plain `float64` column the missing age would be `NaN`, `NaN > 2` would be `False`
# and `~` would turn it into `True`: Kiwi would come back. Nullable dtypes keep SQL's
# three-valued logic; that is why the exercises read their tables with them.

# %% [markdown]
# ## 3. `IS NULL` next to `isna`
#
# `age = NULL` is never true, not even for Kiwi: a comparison with NULL gives NULL. SQL has a
# separate test, `IS NULL` (and `IS NOT NULL`):

# %%
sql(r"""
SELECT name FROM Pets WHERE age IS NULL;
-- => ('Kiwi',)
""")

# %%
pets.loc[pets.age.isna(), "name"].tolist()

# %% [markdown]
# ## 4. Choosing, reordering and renaming columns
#
# `SELECT` lists the output columns in the order you want, `AS` renames one:

# %%
sql(r"""
SELECT age, name AS pet FROM Pets WHERE species = 'cat';
-- columns: age, pet
-- => (5, 'Tom')
-- => (2, 'Milo')
""")

# %% [markdown]
# In pandas, a list of names chooses and orders the columns, and `rename` takes a mapping from
# old to new names:

# %%
pets.loc[pets.species == "cat", ["age", "name"]].rename(columns={"name": "pet"})

# %% [markdown]
# ## 5. `DISTINCT` and `drop_duplicates`
#
# `DISTINCT` removes repeated rows of the *output*:

# %%
sql(r"""
SELECT DISTINCT species FROM Pets;
-- => ('dog',)
-- => ('cat',)
-- => ('bird',)
""")

# %%
pets[["species"]].drop_duplicates()

# %% [markdown]
# `drop_duplicates(subset=[...])` is different: it compares only the listed columns but keeps
# the whole first row of each group. There are two Rexes; this keeps the first one, age 3:

# %%
pets.drop_duplicates(subset=["name"])[["name", "age"]]

# %% [markdown]
# SQL has no "first row": a table is a set, so `SELECT DISTINCT name, age` would keep both
# Rexes. Picking one row per group needs `GROUP BY` or a window function (chapters 8 and 10).

# %% [markdown]
# ## 6. `ORDER BY` and `sort_values`

# %%
sql(r"""
SELECT species, name, age FROM Pets ORDER BY species ASC, age DESC;
-- => ('bird', 'Kiwi', None)
-- => ('cat', 'Tom', 5)
-- => ('cat', 'Milo', 2)
-- => ('dog', 'Bella', 8)
-- => ('dog', 'Rex', 3)
-- => ('dog', 'Rex', 1)
""")

# %%
pets.sort_values(by=["species", "age"], ascending=[True, False])[["species", "name", "age"]]

# %% [markdown]
# Where do the NULLs go? MySQL and MariaDB treat NULL as smaller than every value: first in
# `ASC`, last in `DESC`. pandas puts missing values **last in both directions**
# (`na_position="last"`). The two agree for `DESC` but not for `ASC`:

# %%
sql(r"""
SELECT name FROM Pets ORDER BY age ASC, pet_id;
-- => ('Kiwi',)
-- => ('Rex',)
-- => ('Milo',)
-- => ('Rex',)
-- => ('Tom',)
-- => ('Bella',)
""")

# %% [markdown]
# gives Kiwi first, then Rex (1), Milo, Rex (3), Tom and Bella.

# %%
pets.sort_values("age")["name"].tolist()

# %%
pets.sort_values("age", na_position="first")["name"].tolist()

# %% [markdown]
# When several rows tie on every sort key, neither side promises an order: add a key that is
# unique (`pet_id` above) whenever the order matters. (`sort_values` is stable only with
# `kind="stable"`; the default quicksort is not, for a single column.)

# %% [markdown]
# ## 7. Anti-joins: the rows with no partner
#
# Which owners have no pet? (Dee.) The first SQL way joins and keeps the rows where the join
# found nothing:

# %%
sql(r"""
SELECT o.owner
FROM Owners AS o LEFT JOIN Pets AS p ON p.owner_id = o.owner_id
WHERE p.pet_id IS NULL;
-- => ('Dee',)
""")

# %% [markdown]
# The second asks, for each owner, whether a matching pet exists:

# %%
sql(r"""
SELECT o.owner FROM Owners AS o
WHERE NOT EXISTS (SELECT 1 FROM Pets AS p WHERE p.owner_id = o.owner_id);
-- => ('Dee',)
""")

# %% [markdown]
# The third one looks the same and is wrong:

# %%
sql(r"""
SELECT o.owner FROM Owners AS o
WHERE o.owner_id NOT IN (SELECT owner_id FROM Pets);
-- => no rows
""")

# %% [markdown]
# It returns **no rows at all**. Bella's `owner_id` is NULL, so the list is
# `(10, 10, 11, NULL, 12, 11)`, and for Dee `13 NOT IN (..., NULL, ...)` means
# `13 <> 10 AND ... AND 13 <> NULL`: the last term is unknown, so the whole condition is unknown,
# never true. `NOT EXISTS` (or `NOT IN (SELECT owner_id FROM Pets WHERE owner_id IS NOT NULL)`)
# is the safe spelling.
#
# pandas has the same two ideas. `isin` asks "is this value in that column?" and ignores
# missing values, so it behaves like `NOT EXISTS`, not like `NOT IN`:

# %%
owners.loc[~owners.owner_id.isin(pets.owner_id), "owner"].tolist()

# %% [markdown]
# A left merge with `indicator=True` adds a `_merge` column saying where each row came from;
# `left_only` marks the owners without a match:

# %%
joined = owners.merge(pets, on="owner_id", how="left", indicator=True)
joined.loc[joined._merge == "left_only", "owner"].tolist()

# %% [markdown]
# (Beware: `merge` *does* match a missing key with a missing key on the other side, which SQL's
# `=` never does. Here the left keys are never missing, so it does not matter.)

# %% [markdown]
# ## 8. The exercises
#
# | # | exercise | what it practises |
# |---|---|---|
# | 595 | Big Countries | `OR` of two inclusive limits, NULLs in either column |
# | 1757 | Recyclable and Low Fat Products | `AND` of two flags, an unknown flag |
# | 183 | Customers Who Never Order | anti-join; a NULL `customerId` (the `NOT IN` trap) |
# | 1148 | Article Views I | comparing two columns, `DISTINCT`, `ORDER BY`, duplicate rows |
#
# Solve them yourself first: `make practice EX=595` gives you the statement and two empty
# files, and `make check EX=595` judges your answers (see "Practice mode" in the top README).
#
# Each exercise lives in three trees, always under its slug, one kind of file in each:
#
# | where | what |
# |---|---|
# | `chapters/ch06_filtering/exercises/<slug>.py` | statement (our own words), the pandas solution (a function named after the slug), hints, known wrong answers in pandas, the Hypothesis strategy for small input tables, the generator of big ones |
# | `sql/ch06/<slug>/` | one `<Table>.sql` DDL per input table (the only schema: the pandas dtypes are read from it), `solution.sql` (paste it into a `mysql` client), `wrong/<name>.sql` known wrong answers, each naming its trap and lesson section in two header lines |
# | `data/ch06/<slug>/` | one `<Table>.csv` of example rows per input table (`\N` is NULL) and `expected.csv`, written by hand from the statement |
#
# Adding an exercise is adding those files: the registry finds the module by scanning
# `exercises/`, and one shared test (`chapters/sqlkit/tests/test_exercises.py`) and the judge's
# test check every exercise it finds. Only this table is edited by hand.

# %% [markdown]
# ## 9. The exercise registry
#
# Every exercise of chapters 6 to 11 is an entry of one registry, `chapters.sqlkit`. The
# walk-throughs, the tests, the notebooks and the benchmark all go through it, and so can a
# script of yours. List every exercise by slug, by chapter and problem number:

# %%
from chapters import sqlkit
[e.slug for e in sqlkit.by_chapter(6)]

# %%
len(sqlkit.all_exercises()) >= 9

# %%
ex = sqlkit.get("customers_who_never_order")
ex is sqlkit.get(183)

# %%
ex.number, ex.title, ex.chapter

# %% [markdown]
# The input tables, in the order the pandas solution takes them, with their pandas dtypes and
# their DDL:

# %%
list(ex.tables)

# %%
ex.tables["Orders"]

# %%
print(ex.ddl("Orders"))

# %% [markdown]
# Call the pandas solution with a dict of DataFrames (table name to frame); `run_pandas` works
# on copies and returns a frame with a fresh index. `example_frames()` gives the example data,
# but any frames with those columns will do:

# %%
customers = pd.DataFrame({"id": [1, 2, 3], "name": ["Ola", "Per", "Siv"]})
orders = pd.DataFrame({"id": [7, 8], "customerId": pd.array([2, None], dtype="Int64")})
ex.run_pandas({"Customers": customers, "Orders": orders})

# %%
ex.solve is sqlkit.get("customers_who_never_order").solve

# %% [markdown]
# The SQL solution, as text, and whether the order of the rows is part of the answer:

# %%
print(ex.solution_sql)

# %%
ex.ordered, sqlkit.get("article_views_i").ordered

# %% [markdown]
# To run it, load the tables into a database of the server (here a throwaway one, dropped
# afterwards) and call `run_sql`, which sends the script and returns the last statement's rows;
# `check` compares two answers the way the tests do (as multisets unless `ordered`):

# %%
from chapters.sqlkit import db
try:
    db.wait_for_server(timeout=5)
except db.ServerUnavailable:
    server = False
else:
    server = True
if server:
    with db.throwaway_database("readme") as engine, engine.begin() as conn:
        ex.load_frames(conn, {"Customers": customers, "Orders": orders})
        from_sql = ex.run_sql(conn)
    ex.check(from_sql, ex.run_pandas({"Customers": customers, "Orders": orders}))
    print(sorted(from_sql["Customers"]))
else:
    print(["Ola", "Siv"])  # no server here: the tests that need one are skipped

# %% [markdown]
# `load_examples(conn)` loads the example tables instead, and `expected()` returns the
# hand-written answer for them. An entry also carries `statement`, `pandas_source`,
# `database` (the name the walk-through uses, `ex0183_customers_who_never_order`), and
# `generate(n, rng)`, which builds big tables for `.venv/bin/python -m chapters.sqlkit.bench`,
# `strategy()`, the Hypothesis strategy of small input tables that the judge and the tests draw
# from, `hints`, and `wrong_answers()`, the known wrong answers with their traps:

# %%
[(w.language, w.trap) for w in ex.wrong_answers()]

# %% [markdown]
# ## Query plans at a million rows
#
# On the example tables every query here answers in a millisecond; on a million rows the
# anti-join of section 7 took the server 13 s against 0.08 s for pandas. The page
# [query_plans.md](query_plans.md) splits that time into the server's own clock and the
# client's fetch, reads the plan (`EXPLAIN`: a subquery materialized into a temporary table
# that spilled to disk), fixes it the way a DBA would (an index on `Orders.customerId`, larger
# in-memory temporary tables), and does the same for the other exercises it helps, with a
# before/after table and plot from `make bench-sql`. It ends with why pandas wins when
# everything fits in one machine's memory, and when the server wins. Its claims about plans
# are tested in `tests/test_query_plans.py`.

# %% [markdown]
# ## Traps
#
# Each of these is asserted against the server by `tests/test_traps.py`.
#
# - **`NOT IN` with a NULL in the list returns nothing**, never "everything except the listed
#   values". Use `NOT EXISTS` or filter the NULLs out of the subquery.
# - **`= NULL` is never true**; use `IS NULL`. `NULL = NULL` is NULL, and so is `NOT NULL`.
# - **NULLs sort first in MySQL's `ASC`** and last in pandas' by default.
# - **`&` binds tighter than `==`**: parenthesise every comparison in a pandas mask.
# - **`float64` NaN is not SQL's NULL**: `~(NaN > 2)` is `True`; use nullable dtypes
#   (`Int64`, `boolean`) to keep three-valued logic.
# - **`merge` matches missing keys to each other**; SQL's join never matches NULL to NULL.

# %% [markdown]
# ## Exercises
#
# 1. Write the `NOT IN` version of 183 that is safe against NULLs, and check it on the example
#    tables (`ex.load_examples(conn)`) with Bella's kind of row in `Orders`.
# 2. Change 1148 so that it lists the *viewers* who read an article of somebody else at least
#    twice; write it both ways and compare them with `assert_frames_match`.
# 3. Sort `pets` the way `ORDER BY owner_id ASC, name DESC` does, NULLs included.

# %% [markdown]
# ## Summary
#
# A `WHERE` clause is a boolean mask; the parentheses differ, the logic does not, provided the
# NULLs are kept as `<NA>` rather than `NaN`. `DISTINCT` is `drop_duplicates()` without a
# subset, `ORDER BY` is `sort_values` with an eye on `na_position`, and an anti-join is
# `NOT EXISTS` / `LEFT JOIN ... IS NULL` in SQL and `~isin` / `merge(indicator=True)` in
# pandas — never a bare `NOT IN` over a column that may hold NULL.

# %%
sql.close()  # drops the lesson's throwaway database
