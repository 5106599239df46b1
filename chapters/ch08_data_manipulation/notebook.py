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
# Read along with `README.md`. Every SQL cell runs on the server from `MYSQL_URL` (start one
# with `make db`), in each exercise's own database (`ex0178_rank_scores`, ...). Loading the
# example tables drops and recreates them, so the notebook can be rerun at will.

# %%
# ruff: noqa: B018 (a bare expression at the end of a cell displays its value)
import pandas as pd

from chapters.ch08_data_manipulation.ranking import rank_table, ranking_sql
from chapters.ch08_data_manipulation.top_per_group import top_n_per_group
from chapters.sqlkit import by_chapter, get
from common import db
from common.frames import frame_differences

db.wait_for_server(timeout=10)


def example_engine(slug):
    """An engine on the exercise's database, its example tables freshly loaded."""
    exercise = get(slug)
    engine = db.get_engine(exercise.database)
    with engine.begin() as conn:
        exercise.load_examples(conn)
    return engine


# %% [markdown]
# ## 1. Ranking
# pandas' `rank()` defaults to `method="average"`; the SQL window functions are `min`
# (`RANK`), `dense` (`DENSE_RANK`) and `first` (`ROW_NUMBER`).

# %%
scores = get("rank_scores").example_frames()["Scores"]
ordered = scores.sort_values(["score", "id"], ascending=[False, True])
rank_table(ordered["score"])

# %%
engine = example_engine("rank_scores")
with engine.connect() as conn:
    from_sql = db.query_frame(conn, ranking_sql("Scores", "score", "id"))
from_sql

# %% [markdown]
# ## 2. The N-th highest salary, or NULL
# The SQL side is a stored function. `split_statements` reads the `DELIMITER` lines the way
# the `mysql` client does and sends `CREATE FUNCTION ... END` as one statement.

# %%
nth = get("nth_highest_salary")
employee = nth.example_frames()["Employee"]
pd.concat([nth.solve(employee, N=n) for n in (1, 2, 3, 4)], axis=1)

# %%
engine = example_engine("nth_highest_salary")
with engine.begin() as conn:
    db.execute_script(conn, nth.solution_sql)
    answers = [db.query_frame(conn, "SELECT getNthHighestSalary(:N)", {"N": n}) for n in (1, 2, 3, 4)]
pd.concat(answers, axis=1)

# %% [markdown]
# ## 3. The top salary of each department, ties kept

# %%
dept = get("department_highest_salary")
frames = dept.example_frames()
top_n_per_group(frames["Employee"], "departmentId", "salary", 1)

# %%
engine = example_engine("department_highest_salary")
with engine.connect() as conn:
    best = dept.run_sql(conn)
best

# %% [markdown]
# ## 4. Deleting duplicate emails
# A naive `drop_duplicates` is case-sensitive and treats NaN as equal; the server's collation
# is case-insensitive and `=` never matches NULL.

# %%
person = get("delete_duplicate_emails").example_frames()["Person"]
naive = person.sort_values("id").drop_duplicates("email", keep="first")
solved = get("delete_duplicate_emails").solve(person)
naive, solved

# %%
engine = example_engine("delete_duplicate_emails")
with engine.begin() as conn:
    db.execute_script(conn, get("delete_duplicate_emails").solution_sql)
    after = db.query_frame(conn, "SELECT id, email FROM Person ORDER BY id")
after

# %% [markdown]
# ## 5. Unpivoting: `melt` keeps the NULLs, `UNION ALL` with `IS NOT NULL` does not

# %%
products = get("rearrange_products_table").example_frames()["Products"]
products.melt(id_vars="product_id", var_name="store", value_name="price")

# %%
engine = example_engine("rearrange_products_table")
with engine.connect() as conn:
    unpivoted = get("rearrange_products_table").run_sql(conn)
unpivoted

# %% [markdown]
# ## Every exercise, both ways

# %%
for exercise in by_chapter(8):
    engine = db.get_engine(exercise.database)
    with engine.begin() as conn:
        exercise.load_examples(conn)
        from_sql = exercise.run_sql(conn)
    engine.dispose()
    from_pandas = exercise.run_pandas(exercise.example_frames())
    problems = frame_differences(from_pandas, from_sql, check_order=exercise.ordered)
    print(f"{exercise.number:>5} {exercise.slug:<28} {'agree' if not problems else problems}")
    assert not problems
