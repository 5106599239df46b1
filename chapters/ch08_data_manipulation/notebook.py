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
# # Chapter 8: data manipulation, pandas next to MySQL
#
# Six questions that reshape or trim a table: pick the N-th value, rank rows, keep the best of
# each group, delete duplicates, and turn columns into rows. Each is answered twice, with a
# DataFrame and with SQL on a real server, and the two answers are compared.
#
# Run it: `make chapter-8` (the walk-through, then the tests), or
# `.venv/bin/python -m chapters.ch08_data_manipulation` for the walk-through alone. The SQL needs a
# MySQL-family server (`make db`, or set `MYSQL_URL`).

# %% [markdown]
# ## What you'll learn
#
# * `rank(method=...)` next to `RANK()`, `DENSE_RANK()` and `ROW_NUMBER()`, and why pandas'
#   default (`'average'`) has no SQL twin.
# * `LIMIT ... OFFSET ...`, and how to get a NULL instead of no row at all.
# * A stored function: `CREATE FUNCTION`, the `DELIMITER` client command, `DETERMINISTIC` and
#   `READS SQL DATA`, and why `LIMIT` needs a variable.
# * The top N per group, ties included.
# * Deleting duplicates in place: a `DELETE` with a self-join, next to `drop_duplicates`.
# * Unpivoting: `UNION ALL` next to `melt`, and what to do with the NULLs.
#
# Each ```sql block starts with `-- tables: <slug>`, the exercise whose example tables it runs
# on, and ends with the rows the server returns as `-- =>` comments; the walk-through and
# `chapters/sqlkit/tests/test_lessons.py` load those tables into a throwaway database, run the
# block and check the rows.

# %% [markdown]
# ## 1. Ranking
#
# Give every score a place, highest first. pandas has one method with four tie rules; SQL has
# three window functions.

# %%
# ruff: noqa: B015, B018, E401, E501, E702, F401, I001 (the lesson's code, as in README.md)
# generated from README.md by `python -m common.lesson`: edit the README, not this file
from chapters.sqlkit.lesson import sql  # runs each SQL block on a throwaway database
import pandas as pd
from chapters.ch08_data_manipulation.ranking import rank_table
scores = pd.Series([4.00, 3.85, 4.00, 3.50])
scores.rank(ascending=False).tolist()   # the default is method="average"

# %%
rank_table(scores)

# %% [markdown]
# The two 4.00s take places 1 and 2, so `'average'` gives both 1.5: no SQL function does that.
# The others have twins:
#
# | pandas `rank(method=...)` | MySQL window function | after a tie for 1st |
# |---|---|---|
# | `'min'` | `RANK()` | 1, 1, 3 (a gap) |
# | `'dense'` | `DENSE_RANK()` | 1, 1, 2 (no gap) |
# | `'first'` | `ROW_NUMBER()` | 1, 2, 3 (tie broken by row order) |

# %%
sql(r"""
-- tables: rank_scores
SELECT score,
       RANK()       OVER (ORDER BY score DESC)     AS `min`,
       DENSE_RANK() OVER (ORDER BY score DESC)     AS `dense`,
       ROW_NUMBER() OVER (ORDER BY score DESC, id) AS `first`
FROM Scores
ORDER BY score DESC, id;
-- => (4.00, 1, 1, 1)
-- => (4.00, 1, 1, 2)
-- => (3.85, 3, 2, 3)
-- => (3.65, 4, 3, 4)
-- => (3.65, 4, 3, 5)
-- => (3.50, 6, 4, 6)
-- => (None, 7, 5, 7)
""")

# %% [markdown]
# `ROW_NUMBER()` numbers tied rows in whatever order the server meets them; add a column that
# breaks the tie (`id` above) to make it repeatable. `rank(method="first")` uses the row order
# of the frame instead.
#
# Two more details. `RANK` is a reserved word in MySQL 8 (since 8.0.2; MariaDB 10.11 still
# accepts it bare), so a column named rank must be written `` `rank` ``. And a NULL score: `rank()`
# gives it NaN, while `DENSE_RANK()` gives it a place, because under `ORDER BY score DESC` the
# NULLs come last, all together. `rank(..., na_option="bottom")` does the same. Exercise 178
# (`exercises/rank_scores.py`) uses both.

# %% [markdown]
# ## 2. The N-th value, or NULL
#
# The second highest distinct salary: drop duplicates, sort, skip one.

# %%
salaries = pd.Series([300, 500, 500])
salaries.drop_duplicates().sort_values(ascending=False).iloc[1]

# %% [markdown]
# In SQL that is `SELECT DISTINCT salary ... ORDER BY salary DESC LIMIT 1 OFFSET 1`. When there
# is no second salary, `.iloc[1]` raises `IndexError` and the query returns *no row*. Questions
# like 176 want one row holding NULL instead. Put the query inside another `SELECT` as a scalar
# subquery: a scalar subquery that finds nothing is NULL.

# %%
sql(r"""
-- tables: second_highest_salary
SELECT (
    SELECT DISTINCT salary FROM Employee ORDER BY salary DESC LIMIT 1 OFFSET 1
) AS SecondHighestSalary;
-- => (700,)
""")

# %% [markdown]
# Exercise 177 asks for the N-th value with N as an argument, and on the SQL side the answer is
# a stored function, `getNthHighestSalary(N INT)`:

# %%
sql(r"""
-- tables: nth_highest_salary
DROP FUNCTION IF EXISTS getNthHighestSalary;
DELIMITER $$
CREATE FUNCTION getNthHighestSalary(N INT) RETURNS INT
DETERMINISTIC
READS SQL DATA
BEGIN
    DECLARE skipped INT DEFAULT N - 1;
    IF N < 1 THEN
        RETURN NULL;
    END IF;
    RETURN (
        SELECT DISTINCT salary FROM Employee ORDER BY salary DESC LIMIT 1 OFFSET skipped
    );
END $$
DELIMITER ;
SELECT getNthHighestSalary(2);
-- => (300,)
""")

# %% [markdown]
# What each piece is for:
#
# * **`DELIMITER`** is not SQL. It is a command of the `mysql` client, which splits what you type
#   into statements at each `;`. The body holds `;` too, so we tell the client to end statements
#   at `$$` for a while. The server never sees the word: sent to it, `DELIMITER $$` is a syntax
#   error (1064). From Python we send the whole `CREATE FUNCTION ... END` as *one* statement;
#   `chapters.sqlkit.db.split_statements` reads `DELIMITER` lines the way the client does.
# * **`LIMIT` and `OFFSET` take a number or a variable**, not an expression: `OFFSET N - 1` is a
#   syntax error. So the offset is computed into a variable first (`DECLARE skipped ...`).
# * **`DETERMINISTIC` and `READS SQL DATA`** tell the server what the function does. With binary
#   logging on (MySQL 8's default; it feeds replication and point-in-time recovery), MySQL
#   refuses to create a function that declares none of `DETERMINISTIC`, `NO SQL` or
#   `READS SQL DATA` (error 1418). `DETERMINISTIC` is a promise about the same input giving the same
#   output for the same data; the server does not check it.
# * `DROP FUNCTION IF EXISTS` first, so that running the script again works.
#
# The column is named after the call, `getNthHighestSalary(2)`; the pandas solution names its
# column the same way:

# %%
from chapters.sqlkit import get
employee = get("nth_highest_salary").example_frames()["Employee"]
employee["salary"].tolist()

# %%
get("nth_highest_salary").solve(employee, N=2)

# %%
get("nth_highest_salary").solve(employee, N=4)

# %% [markdown]
# The NULL salary does no harm on either side: `ORDER BY ... DESC` puts it after every real
# salary, where the answer would be NULL anyway; pandas drops it with `dropna()`.

# %% [markdown]
# ## 3. The top N per group, ties included
#
# Exercise 184 wants everyone on their department's top salary. "Top" must keep ties, so rank
# inside each group with `DENSE_RANK` (or `RANK`) and keep place 1; `ROW_NUMBER` would keep one
# of two equal salaries and silently lose the other.

# %%
from chapters.ch08_data_manipulation.top_per_group import top_n_per_group
staff = pd.DataFrame({
    "name": ["Ilse", "Tomas", "Wren", "Odile", "Kasia"],
    "dept": [1, 1, 1, 2, 2],
    "salary": [7000, 9000, 9000, 6000, 5500],
})
top_n_per_group(staff, "dept", "salary", 1)

# %% [markdown]
# `groupby(...).rank(...)` is the pandas twin of `OVER (PARTITION BY ...)`. A window function
# cannot appear in `WHERE` (it is computed after `WHERE`), so the SQL ranks in a derived table
# and filters outside it:

# %%
sql(r"""
-- tables: department_highest_salary
SELECT d.name AS Department, ranked.name AS Employee, ranked.salary AS Salary
FROM (
    SELECT name, salary, departmentId,
           DENSE_RANK() OVER (PARTITION BY departmentId ORDER BY salary DESC) AS place
    FROM Employee
    WHERE salary IS NOT NULL
) AS ranked
JOIN Department AS d ON d.id = ranked.departmentId
WHERE ranked.place <= 1;
-- => ('Research', 'Tomas', 9000)
-- => ('Research', 'Wren', 9000)
-- => ('Sales', 'Odile', 6000)
""")

# %% [markdown]
# Why `WHERE salary IS NOT NULL`: in a department where every salary is NULL, the NULLs are
# peers and all get place 1, so they would "top" it. pandas' `transform("max")` of an all-NULL
# group is NULL, and comparing with NULL selects nothing. The filter makes the server agree.
#
# Change `<= 1` to `<= 3` and you have the top three salaries of each department. For the top
# *one*, the exercise's solution (`sql/ch08/department_highest_salary/solution.sql`) needs no
# window: compute `MAX(salary)` per department and join it back on (department, salary), which
# keeps ties and skips NULLs by itself. It is also the faster of the two here: on 10^5 generated
# rows (`generate` in `exercises/department_highest_salary.py`, MariaDB 10.11 on a busy 2-core
# machine, one run each) the window query took about 7 s and the `MAX` join about 1.1 s.
# `EXPLAIN` shows why: the window query first writes every ranked row to a temporary table, the
# `MAX` join keeps one row per department.

# %% [markdown]
# ## 4. Deleting duplicates in place
#
# Exercise 196: several rows hold the same email; keep only the smallest id of each. In SQL the
# table itself must change. The natural first try deletes every id that is not the smallest of
# its email:
#
# ```text
# DELETE FROM Person WHERE id NOT IN (SELECT MIN(id) FROM Person GROUP BY email);
# -- MySQL 8: ERROR 1093 (HY000): You can't specify target table 'Person' for update in FROM clause
# -- MariaDB (since 10.3.1) runs it.
# ```
#
# MySQL refuses a subquery that reads the table a `DELETE` is changing. Two ways out that run on
# both servers: wrap the subquery in a derived table,
# `... NOT IN (SELECT keep_id FROM (SELECT MIN(id) AS keep_id FROM Person GROUP BY email) AS k)`
# (its `GROUP BY` stops the optimizer from merging it back into the outer query, so it is
# computed in full before any row is deleted), or join the table to itself and delete the later
# row of each matching pair:

# %%
sql(r"""
-- tables: delete_duplicate_emails
DELETE p1
FROM Person AS p1
JOIN Person AS p2 ON p1.email = p2.email AND p1.id > p2.id;
SELECT id, email FROM Person ORDER BY id;
-- => (1, 'mara@example.com')
-- => (2, 'joe@example.com')
-- => (5, None)
-- => (6, None)
-- => (7, 'joe@example.org')
""")

# %% [markdown]
# The self-join compares every row with every other row unless the server can look rows up by
# email: the problem's table has no index on `email`, and the benchmark (`make bench`) needed
# about 71 s for 10^4 rows (against 6 ms for pandas). With an index, `EXPLAIN` shows `p2` read
# by `ref` through it instead of a full scan per row, and the same DELETE took about 0.4 s:

# %%
sql(r"""
-- tables: delete_duplicate_emails
CREATE INDEX by_email ON Person (email);
EXPLAIN DELETE p1 FROM Person AS p1 JOIN Person AS p2 ON p1.email = p2.email AND p1.id > p2.id;
""")

# %% [markdown]
# The two are not the same on NULL emails. `GROUP BY email` puts all the NULLs in one group and
# keeps only its smallest id; the self-join's `=` never matches NULL, so every NULL row stays.
# The exercise follows the self-join (two missing emails are not "the same email").
#
# In pandas: sort by id, then `drop_duplicates(keep="first")`. Done naively it differs from the
# server twice over:

# %%
person = get("delete_duplicate_emails").example_frames()["Person"]
person.sort_values("id").drop_duplicates("email", keep="first")

# %% [markdown]
# * **Case**: the table's collation, `utf8mb4_unicode_ci`, makes `'MARA@example.com' =
#   'mara@example.com'` true, so the server deletes row 3; pandas compares code points and keeps
#   it. Compare `str.casefold()` keys to see what the server sees.
# * **NULL**: `drop_duplicates` treats NaN as equal to NaN and dropped row 6; SQL kept it.

# %%
get("delete_duplicate_emails").solve(person)

# %% [markdown]
# LeetCode's judge wants the frame changed in place (`drop_duplicates(..., inplace=True)`).
# pandas 3.1 deprecates `inplace=True` on `drop`, `drop_duplicates` and similar methods (PDEP-8):
# it never changed the data in place, it swapped in a new copy. So the solution returns the new
# frame and the caller rebinds the name, `person = delete_duplicate_emails(person)`; the
# registry takes a returned frame as the table's new state (`Exercise.in_place`).

# %% [markdown]
# ## 5. Unpivoting: columns to rows
#
# Exercise 1795 has one price column per store. `melt` turns them into rows, one per product and
# store, and keeps the NULL prices as `<NA>` rows:

# %%
products = get("rearrange_products_table").example_frames()["Products"]
products.melt(id_vars="product_id", var_name="store", value_name="price").head(3)

# %%
from chapters.ch08_data_manipulation.unpivot import unpivot
unpivot(products, "product_id", ["store1", "store2", "store3"])

# %% [markdown]
# MySQL has no `UNPIVOT`: write one `SELECT` per column, the column's name as a string literal,
# and stack them. `UNION ALL` stacks as is; plain `UNION` would also remove duplicate rows, which
# costs a sort and is not wanted here. The NULLs go in each `WHERE`:

# %%
sql(r"""
-- tables: rearrange_products_table
SELECT product_id, 'store1' AS store, store1 AS price FROM Products WHERE store1 IS NOT NULL
UNION ALL
SELECT product_id, 'store2' AS store, store2 AS price FROM Products WHERE store2 IS NOT NULL
UNION ALL
SELECT product_id, 'store3' AS store, store3 AS price FROM Products WHERE store3 IS NOT NULL;
-- => (0, 'store1', 95)
-- => (1, 'store1', 70)
-- => (3, 'store1', 0)
-- => (0, 'store2', 100)
-- => (0, 'store3', 105)
-- => (1, 'store3', 80)
""")

# %% [markdown]
# A price of 0 is a price: `dropna` and `IS NOT NULL` both keep product 3's row.

# %% [markdown]
# ## Traps
#
# * `rank()` defaults to `method="average"`; `DENSE_RANK` is `method="dense"`, `RANK` is `"min"`,
#   `ROW_NUMBER` is `"first"`.
# * `rank` is reserved in MySQL 8: write `` `rank` `` (MariaDB happens to accept it bare).
# * `LIMIT 1 OFFSET k` past the end gives no row, not NULL: wrap it in a scalar subquery.
# * `LIMIT`/`OFFSET` accept no expression: compute `N - 1` into a variable.
# * `DELIMITER` is a client command; the server answers it with a syntax error.
# * `ROW_NUMBER` loses ties when you want "the top of each group".
# * An all-NULL group still gets rank 1 from `RANK()`/`DENSE_RANK()`.
# * MySQL refuses a `DELETE` whose subquery reads the same table (1093); MariaDB allows it. Use a
#   self-join, or a derived table.
# * A self-join `DELETE` without an index on the join column compares every pair of rows.
# * `drop_duplicates` is case-sensitive and treats NaN as equal; the server's `_ci` collation is
#   not, and `=` never matches NULL.
# * `melt` keeps NULL values; add `dropna`, as SQL adds `WHERE ... IS NOT NULL`.
#
# Each trap has a test on the real server in `tests/test_traps.py`.

# %% [markdown]
# ## Exercises
#
# | # | slug | pandas | MySQL |
# |---|---|---|---|
# | 176 | `second_highest_salary` | `second_highest_salary(employee)` | scalar subquery with `LIMIT`/`OFFSET` |
# | 177 | `nth_highest_salary` | `nth_highest_salary(employee, N)` | stored function `getNthHighestSalary(N)` |
# | 178 | `rank_scores` | `rank_scores(scores)` | `DENSE_RANK()`, ordered |
# | 184 | `department_highest_salary` | `department_highest_salary(employee, department)` | `MAX(salary)` per department, joined back |
# | 196 | `delete_duplicate_emails` | `delete_duplicate_emails(person)` | `DELETE` with a self-join |
# | 1795 | `rearrange_products_table` | `rearrange_products_table(products)` | `UNION ALL` |
#
# Solve them yourself first: `make practice EX=177` gives you the statement and two files to
# fill in, and `make check EX=177` judges your answers (see "Practice mode" in the top README).
# For 177 the SQL file starts with the frame of the stored function (commented out), for 196 with
# a reminder that the answer is a `DELETE`: the judge reads the function's result, or the table
# afterwards, itself.
#
# Each exercise lives under its slug: its statement, pandas solution (a function named after
# the slug), hints, known wrong answers in pandas, Hypothesis strategy for small tables and
# generator of big ones in `exercises/<slug>.py`; the DDL of its tables, its MySQL solution
# `solution.sql` and known wrong answers `wrong/<name>.sql` in `sql/ch08/<slug>/`; its example
# tables and expected output in `data/ch08/<slug>/`. Every exercise is in the shared registry,
# by problem number:

# %%
from chapters.sqlkit import by_chapter
[e.slug for e in by_chapter(8)]  # doctest: +NORMALIZE_WHITESPACE

# %%
ex = get("nth_highest_salary")
list(ex.tables), ex.params, ex.result_sql

# %%
[(w.language, w.name) for w in get("rank_scores").wrong_answers()]

# %% [markdown]
# Try before you read the solutions: answer 177 with `nlargest` instead of sorting; extend 184 to the
# top three salaries of each department, in pandas and SQL; write 196 with a derived table and make it keep
# the NULL rows.
#
# The shared tests (`chapters/sqlkit/tests/test_exercises.py`) check each solution on the example
# tables against the expected output written by hand, both ways, and, with Hypothesis, pandas
# against the server on generated tables (NULLs, ties, mixed-case emails, empty tables); the
# judge's tests check that every known wrong answer fails with its trap named.

# %% [markdown]
# ## Summary
#
# Ranking, picking the N-th row and keeping the top of a group are one idea, "number the rows,
# then filter", with different tie rules; say which rule you mean. SQL returns no row where you
# may want NULL, and refuses some statements MariaDB lets through, so test on the server you
# ship to. pandas keeps NaN rows (`melt`) and treats NaN as a value (`drop_duplicates`) where SQL
# does neither.

# %%
sql.close()  # drops the lesson's throwaway database
