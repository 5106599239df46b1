"""1148. Article Views I: a row compared with itself, each author once, in order."""

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import days, ints
from chapters.sqlkit.strategies import frame

STATEMENT = """
Views logs who viewed which article on which day, with the article's author; the log has no
key and may repeat a row. List, in a column named id, every author who viewed at least one of
their own articles, each once, in ascending order. A missing author or viewer is no match.
"""


def article_views_i(views: pd.DataFrame) -> pd.DataFrame:
    """Authors who viewed at least one of their own articles, each once, ascending."""
    # Int64 columns: NULL == NULL gives <NA> (unknown), as in SQL; unknown is not a match.
    own = (views["author_id"] == views["viewer_id"]).fillna(False)
    authors = views.loc[own, ["author_id"]].drop_duplicates()
    return authors.rename(columns={"author_id": "id"}).sort_values("id")


@wrong("a repeated row is still one author: DISTINCT", "5. `DISTINCT` and `drop_duplicates`")
def every_view(views: pd.DataFrame) -> pd.DataFrame:
    """One row per matching view, so an author who looked twice is listed twice."""
    own = (views["author_id"] == views["viewer_id"]).fillna(False)
    authors = views.loc[own, ["author_id"]]
    return authors.rename(columns={"author_id": "id"}).sort_values("id")


def tables() -> st.SearchStrategy:
    """Few people, so that self-views, repeats and NULL ids are common."""
    person = st.one_of(st.none(), st.integers(-2, 12))
    views = frame(
        {
            "article_id": st.one_of(st.none(), st.integers(0, 5)),
            "author_id": person,
            "viewer_id": person,
            "view_date": st.one_of(st.none(), st.dates(dt.date(2024, 1, 1), dt.date(2024, 1, 3))),
        },
        {
            "article_id": "Int64",
            "author_id": "Int64",
            "viewer_id": "Int64",
            "view_date": "datetime64[ns]",
        },
        max_rows=15,
    )
    return st.fixed_dictionaries({"Views": views})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n views by n/10 people of n/5 articles; about 1 view in 10 is the author's own."""
    people = max(n // 10, 1)
    author = rng.integers(0, people, n)
    viewer = np.where(rng.random(n) < 0.1, author, rng.integers(0, people, n))
    views = pd.DataFrame(
        {
            "article_id": ints(rng.integers(0, max(n // 5, 1), n)),
            "author_id": ints(author),
            "viewer_id": ints(viewer, rng, 0.01),
            "view_date": days(rng.integers(0, 365, n)),
        }
    )
    return {"Views": views}


EXERCISE = Exercise(
    number=1148,
    title="Article Views I",
    statement=STATEMENT,
    inputs=("Views",),
    solve=article_views_i,
    strategy=tables,
    generate=generate,
    ordered=True,
    expected_dtypes={"id": "Int64"},
    hints=(
        "Compare two columns of the same row: author_id = viewer_id.",
        "The log repeats rows: each author must appear once (DISTINCT / drop_duplicates).",
        "Sort at the end (ORDER BY id / sort_values), and remember that NULL = NULL is not a "
        "match: in pandas, fillna(False) on the comparison of two Int64 columns.",
    ),
    wrong=(every_view,),
)
