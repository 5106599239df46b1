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
# Read along with `chapters/ch11_merging/README.md`. Every pandas cell has an SQL twin that
# runs on the server (a MySQL-family server must answer: `make db`). The notebook works in a
# database of its own, created here and dropped in the last cell, so it is safe to rerun.

# %%
# ruff: noqa: B018 (a bare expression at the end of a cell displays its value)
import uuid

import pandas as pd

from chapters.ch11_merging import demo
from chapters.sqlkit import by_chapter
from common import db

DATABASE = f"nb11_{uuid.uuid4().hex[:8]}"
engine = db.get_engine(DATABASE)
with engine.begin() as conn:
    demo.load(conn)


def sql(query: str) -> pd.DataFrame:
    """Run one query on the notebook's database."""
    with engine.connect() as conn:
        return db.query_frame(conn, query)


authors, books, formats, prizes = demo.tables().values()
display(authors, books)  # noqa: F821 (IPython's display)

# %% [markdown]
# ## 1. Inner and left joins

# %%
authors.merge(books, on="author_id", how="left")[["name", "title"]]

# %%
sql("SELECT a.name, b.title FROM Authors AS a LEFT JOIN Books AS b ON b.author_id = a.author_id")

# %% [markdown]
# ## 2. Cross joins

# %%
authors[["name"]].merge(formats, how="cross")

# %%
sql("SELECT a.name, f.format FROM Authors AS a CROSS JOIN Formats AS f")

# %% [markdown]
# ## 3. Counting matches, zeros included (`COUNT(col)`, not `COUNT(*)`)

# %%
joined = authors.merge(books, on="author_id", how="left")
joined.groupby("name", as_index=False).agg(books=("book_id", "count"), rows=("name", "size"))

# %%
sql(
    """
    SELECT a.name, COUNT(b.book_id) AS books, COUNT(*) AS `rows`
    FROM Authors AS a LEFT JOIN Books AS b ON b.author_id = a.author_id
    GROUP BY a.author_id, a.name
    """
)

# %% [markdown]
# ## 4. Self-joins

# %%
authors.merge(authors, left_on="mentor_id", right_on="author_id", suffixes=("", "_mentor"))[
    ["name", "name_mentor"]
]

# %%
sql(
    "SELECT s.name AS student, m.name AS mentor "
    "FROM Authors AS s JOIN Authors AS m ON m.author_id = s.mentor_id"
)

# %% [markdown]
# ## 5. NULL join keys: pandas matches NaN with NaN, SQL never matches NULL

# %%
books.merge(prizes, on="author_id")[["title", "prize"]]

# %%
sql("SELECT b.title, p.prize FROM Books AS b JOIN Prizes AS p ON p.author_id = b.author_id")

# %%
sql("SELECT b.title, p.prize FROM Books AS b JOIN Prizes AS p ON p.author_id <=> b.author_id")

# %% [markdown]
# ## 6. FULL OUTER JOIN: `how="outer"`, emulated in MySQL

# %%
authors.merge(books, on="author_id", how="outer")[["name", "title"]]

# %%
sql(
    """
    SELECT a.name, b.title
    FROM Authors AS a LEFT JOIN Books AS b ON b.author_id = a.author_id
    UNION ALL
    SELECT NULL, b.title
    FROM Books AS b LEFT JOIN Authors AS a ON a.author_id = b.author_id
    WHERE a.author_id IS NULL
    """
)

# %% [markdown]
# ## 7. Anti-joins: `~isin` and `NOT EXISTS`; `NOT IN` meets a NULL

# %%
authors.loc[~authors["author_id"].isin(books["author_id"]), ["name"]]

# %%
not_in = sql("SELECT name FROM Authors WHERE author_id NOT IN (SELECT author_id FROM Books)")
not_exists = sql(
    "SELECT a.name FROM Authors AS a "
    "WHERE NOT EXISTS (SELECT 1 FROM Books AS b WHERE b.author_id = a.author_id)"
)
display(not_in, not_exists)  # noqa: F821

# %% [markdown]
# ## The exercises: pandas and SQL on each example

# %%
for exercise in by_chapter(11):
    frames = exercise.example_frames()
    with engine.begin() as conn:
        exercise.load_examples(conn)
        from_sql = exercise.run_sql(conn)
    from_pandas = exercise.run_pandas(frames)
    exercise.check(from_pandas, exercise.expected())
    exercise.check(from_sql, exercise.expected())
    print(f"{exercise.number:>5} {exercise.slug:<26} pandas == SQL == expected")

# %%
engine.dispose()
db.drop_database(DATABASE)
