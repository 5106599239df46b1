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
# # Chapter 11: merging, in pandas and in MySQL
#
# A join puts rows of two tables side by side wherever their keys meet. pandas
# calls it `merge`, SQL `JOIN`. They agree on inner, left and cross joins; they
# disagree on NULL keys (SQL never matches NULL to NULL, pandas does), and MySQL
# has no `FULL OUTER JOIN` at all.
#
# Run it: `make chapter-11` (walk-through, then tests), or
# `.venv/bin/python -m chapters.ch11_merging` and `.venv/bin/python -m pytest chapters/ch11_merging`.

# %% [markdown]
# ## What you'll learn
#
# * `INNER`/`LEFT` joins next to `merge(how="inner" | "left")`;
# * `CROSS JOIN` next to `merge(how="cross")`;
# * counting matches with the zeros kept (`COUNT(col)`, not `COUNT(*)`);
# * self-joins: a table joined to itself under two aliases;
# * NULL join keys: SQL never matches them, `merge` matches NaN with NaN;
# * `FULL OUTER JOIN`, which MySQL lacks, emulated with `UNION`;
# * anti-joins: `NOT EXISTS` versus the `NOT IN` trap.

# %% [markdown]
# The lesson joins four small tables. The edge cases are on purpose: the book
# *Drafts* has no author (NULL), *Errata* names an unknown author 9, Bea and Dee
# wrote nothing, and one prize has a NULL `author_id`. On the server they are
# created by this block, which runs before the others:

# %%
# ruff: noqa: B015, B018, E401, E501, E702, F401, I001 (the lesson's code, as in README.md)
# generated from README.md by `python -m common.lesson`: edit the README, not this file
from chapters.sqlkit.lesson import sql  # runs each SQL block on a throwaway database
sql(r"""
CREATE TABLE Authors (
    author_id INT NOT NULL, name VARCHAR(50) NOT NULL, mentor_id INT,
    PRIMARY KEY (author_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE TABLE Books (
    book_id INT NOT NULL, author_id INT, title VARCHAR(50) NOT NULL,
    PRIMARY KEY (book_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE TABLE Formats (
    format VARCHAR(20) NOT NULL, PRIMARY KEY (format)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE TABLE Prizes (
    author_id INT, prize VARCHAR(50) NOT NULL
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
INSERT INTO Authors VALUES (1, 'Ada', NULL), (2, 'Bea', 1), (3, 'Cal', 1), (4, 'Dee', 2);
INSERT INTO Books VALUES (10, 1, 'Arrays'), (11, 1, 'Bits'), (12, 3, 'Caches'),
    (13, NULL, 'Drafts'), (14, 9, 'Errata');
INSERT INTO Formats VALUES ('ebook'), ('paper');
INSERT INTO Prizes VALUES (1, 'Gold'), (NULL, 'Mystery');
""")

# %% [markdown]
# In pandas `chapters/ch11_merging/demo.py` builds the same tables as DataFrames (a
# test checks that the two hold the same rows):

# %%
from chapters.ch11_merging import demo
authors, books, formats, prizes = demo.tables().values()
authors

# %%
books

# %% [markdown]
# The SQL blocks end with the rows the server returns, as `-- =>` comments; the
# walk-through and a test (`chapters/sqlkit/tests/test_lessons.py`) run every block
# in order and check them.

# %% [markdown]
# ## 1. Inner and left joins
#
# An inner join keeps the pairs whose keys meet:

# %%
sql(r"""
SELECT a.name, b.title
FROM Authors AS a
JOIN Books AS b ON b.author_id = a.author_id;
-- => ('Ada', 'Arrays')
-- => ('Ada', 'Bits')
-- => ('Cal', 'Caches')
""")

# %%
authors.merge(books, on="author_id", how="inner")[["name", "title"]]

# %% [markdown]
# A left join keeps every row of the left table too, with NULLs where nothing met:

# %%
sql(r"""
SELECT a.name, b.title
FROM Authors AS a
LEFT JOIN Books AS b ON b.author_id = a.author_id;
-- => ('Ada', 'Arrays')
-- => ('Ada', 'Bits')
-- => ('Bea', None)
-- => ('Cal', 'Caches')
-- => ('Dee', None)
""")

# %%
authors.merge(books, on="author_id", how="left")[["name", "title"]]

# %% [markdown]
# `how="right"` is `RIGHT JOIN`. A left row meeting two right rows appears twice
# in both engines: a join can make a table longer, and an unexpected duplicate key
# on the right is the usual reason a row count grows. `merge(...,
# validate="many_to_one")` raises when the right keys are not unique.

# %% [markdown]
# ## 2. Cross joins
#
# Every row with every row, no key at all:

# %%
sql(r"""
SELECT a.name, f.format
FROM Authors AS a
CROSS JOIN Formats AS f
WHERE a.author_id <= 2
ORDER BY a.name, f.format;
-- => ('Ada', 'ebook')
-- => ('Ada', 'paper')
-- => ('Bea', 'ebook')
-- => ('Bea', 'paper')
""")

# %%
authors.loc[authors["author_id"] <= 2, ["name"]].merge(formats, how="cross")

# %% [markdown]
# This is the first step of 1280 (Students and Examinations): every
# (student, subject) pair must appear, even with no exam.

# %% [markdown]
# ## 3. Counting matches, zeros included
#
# To count each author's books, keep every author with a left join and count a
# column of the right table: `COUNT(b.book_id)` skips the NULL that an author
# without books gets, so it says 0.

# %%
sql(r"""
SELECT a.name, COUNT(b.book_id) AS books
FROM Authors AS a
LEFT JOIN Books AS b ON b.author_id = a.author_id
GROUP BY a.author_id, a.name;
-- => ('Ada', 2)
-- => ('Bea', 0)
-- => ('Cal', 1)
-- => ('Dee', 0)
""")

# %% [markdown]
# `COUNT(*)` counts rows, and the left join made one row for Bea and for Dee, so
# it claims one book each:

# %%
sql(r"""
SELECT a.name, COUNT(*) AS books
FROM Authors AS a
LEFT JOIN Books AS b ON b.author_id = a.author_id
GROUP BY a.author_id, a.name;
-- => ('Ada', 2)
-- => ('Bea', 1)
-- => ('Cal', 1)
-- => ('Dee', 1)
""")

# %% [markdown]
# pandas has the same pair: `"count"` skips NaN, `"size"` counts rows.

# %%
joined = authors.merge(books, on="author_id", how="left")
joined.groupby("name", as_index=False).agg(books=("book_id", "count"), rows=("name", "size"))

# %% [markdown]
# Another way: count on the right table alone, then give every author a row with
# `reindex(..., fill_value=0)`:

# %%
books.groupby("author_id").size().reindex(authors["author_id"], fill_value=0).tolist()

# %% [markdown]
# ## 4. Self-joins
#
# Each author may name a mentor, who is another author. Join the table to itself
# under two aliases:

# %%
sql(r"""
SELECT s.name AS student, m.name AS mentor
FROM Authors AS s
JOIN Authors AS m ON m.author_id = s.mentor_id;
-- => ('Bea', 'Ada')
-- => ('Cal', 'Ada')
-- => ('Dee', 'Bea')
""")

# %%
pairs = authors.merge(authors, left_on="mentor_id", right_on="author_id",
                      suffixes=("", "_mentor"))
pairs[["name", "name_mentor"]]

# %% [markdown]
# 570 (Managers with at Least 5 Direct Reports) is this join, grouped by the manager.

# %% [markdown]
# ## 5. NULL join keys: never equal in SQL, equal in pandas
#
# In SQL, `NULL = NULL` is not true (it is NULL), so a NULL key meets nothing:

# %%
sql(r"""
SELECT b.title, p.prize
FROM Books AS b
JOIN Prizes AS p ON p.author_id = b.author_id;
-- => ('Arrays', 'Gold')
-- => ('Bits', 'Gold')
""")

# %% [markdown]
# `merge` treats NaN keys as equal to each other, so the book without an author
# "wins" the prize without an author:

# %%
books.merge(prizes, on="author_id")[["title", "prize"]]

# %% [markdown]
# To get SQL's answer, drop the NULL keys before merging:

# %%
known = books.dropna(subset=["author_id"])
known.merge(prizes.dropna(subset=["author_id"]), on="author_id")[["title", "prize"]]

# %% [markdown]
# And to get pandas' answer in SQL, MySQL's null-safe `<=>` is true for two NULLs:

# %%
sql(r"""
SELECT b.title, p.prize
FROM Books AS b
JOIN Prizes AS p ON p.author_id <=> b.author_id;
-- => ('Arrays', 'Gold')
-- => ('Bits', 'Gold')
-- => ('Drafts', 'Mystery')
""")

# %% [markdown]
# None of this chapter's exercises has NULL on both sides of a join (their left
# keys are primary keys), but the differential tests feed NULLs to every nullable
# key anyway.

# %% [markdown]
# ## 6. FULL OUTER JOIN: not in MySQL
#
# MySQL 8 and MariaDB 10.11 have no `FULL OUTER JOIN`; written out, it is a
# syntax error, 1064:

# %%
sql(r"""
-- error 1064
SELECT a.name, b.title
FROM Authors AS a
FULL OUTER JOIN Books AS b ON b.author_id = a.author_id;
""")

# %% [markdown]
# Worse, without `OUTER` and without a table alias it is *not* an error: `FULL`
# is not a reserved word, so it becomes the alias of `Authors`, and what is left
# is a plain inner join, silently:

# %%
sql(r"""
SELECT name, title
FROM Authors FULL JOIN Books USING (author_id);
-- => ('Ada', 'Arrays')
-- => ('Ada', 'Bits')
-- => ('Cal', 'Caches')
""")

# %% [markdown]
# The usual stand-in glues a left and a right join with `UNION`, which also drops
# the rows both halves found:

# %%
sql(r"""
SELECT a.name, b.title
FROM Authors AS a LEFT JOIN Books AS b ON b.author_id = a.author_id
UNION
SELECT a.name, b.title
FROM Authors AS a RIGHT JOIN Books AS b ON b.author_id = a.author_id;
-- => ('Ada', 'Arrays')
-- => ('Ada', 'Bits')
-- => ('Bea', None)
-- => ('Cal', 'Caches')
-- => ('Dee', None)
-- => (None, 'Drafts')
-- => (None, 'Errata')
""")

# %% [markdown]
# `UNION` removes *every* duplicate row, including true duplicates of the left
# join (two books with the same title by one author would collapse to one). The
# exact version keeps the left join whole with `UNION ALL` and adds only the right
# rows that met nothing:

# %%
sql(r"""
SELECT a.name, b.title
FROM Authors AS a LEFT JOIN Books AS b ON b.author_id = a.author_id
UNION ALL
SELECT NULL, b.title
FROM Books AS b LEFT JOIN Authors AS a ON a.author_id = b.author_id
WHERE a.author_id IS NULL;
-- => ('Ada', 'Arrays')
-- => ('Ada', 'Bits')
-- => ('Bea', None)
-- => ('Cal', 'Caches')
-- => ('Dee', None)
-- => (None, 'Drafts')
-- => (None, 'Errata')
""")

# %% [markdown]
# pandas has it built in:

# %%
authors.merge(books, on="author_id", how="outer")[["name", "title"]]

# %% [markdown]
# ## 7. Anti-joins: NOT EXISTS, and the NOT IN trap
#
# "Authors with no book" is an anti-join. `NOT IN` looks natural and is wrong
# here: `Books.author_id` holds a NULL, so `x NOT IN (1, 3, NULL, 9)` is never
# true (it is NULL when `x` is not in the list), and the answer is empty:

# %%
sql(r"""
SELECT name FROM Authors
WHERE author_id NOT IN (SELECT author_id FROM Books);
-- => no rows
""")

# %% [markdown]
# `NOT EXISTS` asks the question we meant:

# %%
sql(r"""
SELECT a.name FROM Authors AS a
WHERE NOT EXISTS (SELECT 1 FROM Books AS b WHERE b.author_id = a.author_id);
-- => ('Bea',)
-- => ('Dee',)
""")

# %% [markdown]
# pandas' `~isin` behaves like `NOT EXISTS` (a NaN in the list matches nothing):

# %%
authors.loc[~authors["author_id"].isin(books["author_id"]), ["name"]]

# %% [markdown]
# 607 (Sales Person) is this anti-join; its example data has an order for RED
# with a NULL `sales_id`, so a `NOT IN` solution returns nothing.

# %% [markdown]
# ## Traps
#
# * `merge` matches NaN keys with each other; SQL's `=` never matches NULL.
#   Drop NULL keys before merging, or use `<=>` in SQL to match them.
# * `COUNT(*)` after a left join counts the unmatched row as 1; count a column
#   of the right table.
# * `NOT IN (subquery)` with a NULL in the subquery is never true: use `NOT EXISTS`.
# * No `FULL OUTER JOIN` in MySQL/MariaDB (error 1064), and `FULL JOIN` without
#   an alias runs as an inner join; `UNION` drops true duplicate rows, `UNION ALL`
#   plus an anti-join does not.
# * Under `utf8mb4_unicode_ci`, `'math' = 'Math'` in a join condition too; pandas
#   matches exact strings. 1280 and 607 compare names with `COLLATE utf8mb4_bin`
#   so both sides mean an exact match (`utf8mb4_bin` still ignores trailing
#   spaces).
# * A duplicate key on the right multiplies rows; `validate=` catches it in pandas.

# %% [markdown]
# ## Exercises
#
# Solve them yourself first: `make practice EX=1280` gives you the statement and two empty
# files, and `make check EX=1280` judges your answers (see "Practice mode" in the top README).
#
# The registry (`chapters.sqlkit`) holds each exercise, in three trees under its slug:
# `chapters/ch11_merging/exercises/<slug>.py` (the statement in our own words, the pandas
# solution, hints, known wrong answers in pandas, the Hypothesis strategy of small input tables
# and the generator of big ones), `sql/ch11/<slug>/` (one DDL per input table, `solution.sql`,
# and known wrong answers in `wrong/<name>.sql`) and `data/ch11/<slug>/` (the example tables
# and the hand-written `expected.csv`).
#
# | # | slug | the point |
# |---|---|---|
# | 570 | `managers_with_5_reports` | self-join, unknown manager ids, NULL managers, two managers with one name |
# | 607 | `sales_person` | anti-join with `NOT EXISTS`; NULL `sales_id`; exact 'RED' |
# | 1050 | `actors_and_directors` | group by a pair, `HAVING COUNT(*) >= 3` (three is enough) |
# | 1280 | `students_and_examinations` | `CROSS JOIN` + `LEFT JOIN` + count with zeros; exact names |
# | 1378 | `replace_employee_id` | `LEFT JOIN` = `merge(how="left")`, several matches |

# %%
from chapters.sqlkit import by_chapter, get
[exercise.number for exercise in by_chapter(11)]

# %%
exercise = get("sales_person")
exercise.run_pandas(exercise.example_frames())

# %%
[(w.language, w.trap) for w in exercise.wrong_answers()]  # doctest: +NORMALIZE_WHITESPACE

# %% [markdown]
# The shared tests (`chapters/sqlkit/tests/test_exercises.py`) check both solutions against
# `expected.csv`, and Hypothesis feeds both generated tables (NULL keys, unknown ids,
# duplicates, empty tables, case variants such as `'RED'`/`'red'` and `'Math'`/`'math'`) and
# checks they agree. The judge's own test checks that every known wrong answer fails, with its
# trap named.

# %% [markdown]
# ## Summary
#
# * `JOIN` / `LEFT JOIN` / `RIGHT JOIN` / `CROSS JOIN` =
#   `merge(how="inner" | "left" | "right" | "cross")`; `FULL OUTER JOIN` =
#   `how="outer"`, which MySQL spells `LEFT JOIN ... UNION ALL` an anti-join.
# * Count matches with `COUNT(right_column)` (pandas `"count"`), and keep the
#   zeros with a left join or `reindex(fill_value=0)`.
# * NULL keys never meet in SQL and always meet in pandas: decide, then drop them
#   or use `<=>`.
# * Write anti-joins with `NOT EXISTS` (pandas `~isin`), never `NOT IN` over a
#   nullable column.

# %%
sql.close()  # drops the lesson's throwaway database
