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
# # Chapter 6 — Filtering, in pandas and in SQL
#
# Each pandas cell is followed by the same question asked to the MySQL-family server with
# `common.db.query_frame`. The tables live in a throwaway database that the last cell drops.
# Start a server first with `make db` (or point `MYSQL_URL` at one).

# %%
import contextlib

import pandas as pd
from IPython.display import display

from chapters import sqlkit
from common import db

stack = contextlib.ExitStack()
engine = stack.enter_context(db.throwaway_database("nb06"))
conn = stack.enter_context(engine.begin())


def sql(query: str) -> pd.DataFrame:
    """Run one query on the notebook's database."""
    return db.query_frame(conn, query)


# %%
owners = pd.DataFrame({"owner_id": [10, 11, 12, 13], "owner": ["Ana", "Ben", "Cy", "Dee"]})
pets = pd.DataFrame(
    {
        "pet_id": [1, 2, 3, 4, 5, 6],
        "name": ["Rex", "Tom", "Kiwi", "Bella", "Milo", "Rex"],
        "species": ["dog", "cat", "bird", "dog", "cat", "dog"],
        "age": pd.array([3, 5, None, 8, 2, 1], dtype="Int64"),
        "owner_id": pd.array([10, 10, 11, None, 12, 11], dtype="Int64"),
    }
)
db.execute_script(
    conn,
    """
CREATE TABLE Owners (owner_id INT PRIMARY KEY, owner VARCHAR(40))
    CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE TABLE Pets (pet_id INT PRIMARY KEY, name VARCHAR(40), species VARCHAR(40),
    age INT, owner_id INT) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
""",
)
db.insert_frame(conn, "Owners", owners)
db.insert_frame(conn, "Pets", pets)
display(pets)

# %% [markdown]
# ## A mask and a WHERE clause
# Parentheses around each comparison: `&` binds tighter than `==`.

# %%
pets.loc[((pets.species == "dog") & (pets.age > 2)) | (pets.species == "cat"), ["name", "age"]]

# %%
sql("SELECT name, age FROM Pets WHERE species = 'dog' AND age > 2 OR species = 'cat'")

# %% [markdown]
# ## NULL: `isna` and `IS NULL`; `NOT` keeps unknown unknown

# %%
pets.loc[pets.age.isna(), "name"].tolist(), pets.loc[~(pets.age > 2), "name"].tolist()

# %%
sql("SELECT name FROM Pets WHERE age IS NULL"), sql("SELECT name FROM Pets WHERE NOT (age > 2)")

# %% [markdown]
# ## Columns, DISTINCT and ORDER BY
# pandas puts missing values last in both directions; MySQL puts NULL first in `ASC`.

# %%
pets[["species"]].drop_duplicates(), pets.sort_values("age", na_position="first")[["name", "age"]]

# %%
sql("SELECT DISTINCT species FROM Pets"), sql("SELECT name, age FROM Pets ORDER BY age, pet_id")

# %% [markdown]
# ## Anti-joins, and the NOT IN trap

# %%
joined = owners.merge(pets, on="owner_id", how="left", indicator=True)
owners.loc[~owners.owner_id.isin(pets.owner_id), "owner"].tolist(), joined.loc[
    joined._merge == "left_only", "owner"
].tolist()

# %%
not_exists = sql(
    "SELECT owner FROM Owners AS o "
    "WHERE NOT EXISTS (SELECT 1 FROM Pets AS p WHERE p.owner_id = o.owner_id)"
)
not_in = sql("SELECT owner FROM Owners WHERE owner_id NOT IN (SELECT owner_id FROM Pets)")
display(not_exists, not_in)  # NOT IN returns nothing: Bella's owner_id is NULL

# %% [markdown]
# ## The exercises, through the registry
# Every chapter 6 exercise: the pandas answer and the SQL answer on the example tables.

# %%
for exercise in sqlkit.by_chapter(6):
    exercise.load_examples(conn)
    from_sql = exercise.run_sql(conn)
    from_pandas = exercise.run_pandas(exercise.example_frames())
    exercise.check(from_sql, exercise.expected())
    exercise.check(from_pandas, exercise.expected())
    print(f"{exercise.number:>5} {exercise.title}: {len(from_sql)} rows, pandas == SQL")

# %%
stack.close()  # drops the throwaway database
