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
# # Chapter 7 — Strings, in pandas and in SQL
#
# Each pandas cell is followed by the same question asked to the MySQL-family server with
# `common.db.query_frame`. The table lives in a throwaway database that the last cell drops.
# Start a server first with `make db` (or point `MYSQL_URL` at one).

# %%
import contextlib

import pandas as pd
from IPython.display import display

from chapters import sqlkit
from common import db

stack = contextlib.ExitStack()
engine = stack.enter_context(db.throwaway_database("nb07"))
conn = stack.enter_context(engine.begin())


def sql(query: str) -> pd.DataFrame:
    """Run one query on the notebook's database (the text reaches the server untouched)."""
    return db.query_frame(conn, query)


fruits = pd.DataFrame(
    {
        "id": [1, 2, 3, 4, 5, 6, 7],
        "name": ["apple", "banana", "Orange", "kiwi", "crème brûlée", "a", "Apricot"],
    }
)
db.execute_script(
    conn,
    "CREATE TABLE Fruits (id INT PRIMARY KEY, name VARCHAR(40)) "
    "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;",
)
db.insert_frame(conn, "Fruits", fruits)
name = fruits["name"]

# %% [markdown]
# ## Characters and bytes

# %%
display(fruits.assign(chars=name.str.len(), bytes=name.str.encode("utf-8").str.len()))

# %%
display(sql("SELECT *, CHAR_LENGTH(name) AS chars, LENGTH(name) AS bytes FROM Fruits"))

# %% [markdown]
# ## Case, slices, concatenation (SQL positions start at 1)

# %%
display(pd.DataFrame({"fixed": name.str[:1].str.upper() + name.str[1:], "mid": name.str[1:4]}))

# %%
display(
    sql(
        "SELECT CONCAT(UPPER(LEFT(name, 1)), SUBSTRING(name, 2)) AS fixed, "
        "SUBSTRING(name, 2, 3) AS mid FROM Fruits ORDER BY id"
    )
)

# %% [markdown]
# ## LIKE and the collation: `'Apricot' LIKE 'a%'` on a `_ci` table

# %%
name[name.str.startswith("a")].tolist()

# %%
display(
    sql("SELECT name FROM Fruits WHERE name LIKE 'a%'"),
    sql("SELECT name FROM Fruits WHERE name COLLATE utf8mb4_bin LIKE 'a%'"),
)

# %% [markdown]
# ## REGEXP: contains, match, fullmatch — and the backslash that disappears

# %%
{
    "contains": name[name.str.contains(r"a\w*")].tolist(),
    "match": name[name.str.match(r"a\w*")].tolist(),
    "fullmatch": name[name.str.fullmatch(r"a\w*")].tolist(),
}

# %%
display(
    sql(r"SELECT 'a\w*' AS literal, 'a\\w*' AS doubled, HEX('\b') AS backspace"),
    sql(r"SELECT name FROM Fruits WHERE name REGEXP 'a\w*'"),
    sql(r"SELECT name FROM Fruits WHERE name COLLATE utf8mb4_bin REGEXP '^a\\w*$'"),
)

# %% [markdown]
# ## `$` and a final newline

# %%
s = pd.Series(["abc", "abc\n"])
s.str.match("abc$").tolist(), s.str.fullmatch("abc").tolist()

# %%
display(
    sql(
        "SELECT CONCAT('abc', CHAR(10)) REGEXP '^abc$' AS dollar, "
        "CONCAT('abc', CHAR(10)) REGEXP '^abc\\\\z' AS z"
    )
)

# %% [markdown]
# ## The exercises, through the registry

# %%
for exercise in sqlkit.by_chapter(7):
    exercise.load_examples(conn)
    from_sql = exercise.run_sql(conn)
    from_pandas = exercise.run_pandas(exercise.example_frames())
    exercise.check(from_sql, exercise.expected())
    exercise.check(from_pandas, exercise.expected())
    print(f"{exercise.number:>5} {exercise.title}: {len(from_sql)} rows, pandas == SQL")

# %%
stack.close()  # drops the throwaway database
