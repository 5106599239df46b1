"""178. Rank Scores: DENSE_RANK next to rank(method="dense"), and where a NULL score goes."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ids
from chapters.sqlkit.strategies import frame

STATEMENT = """
Rank the scores from highest to lowest. Equal scores share a rank, and the next score gets the
next whole number (no gaps: 4.00, 4.00, 3.85 rank 1, 1, 2). Return score and rank, highest
score first. A missing score ranks after every real score.
"""


def rank_scores(scores: pd.DataFrame) -> pd.DataFrame:
    """Each score with its dense rank (highest first, no gaps after ties), best score first."""
    # rank() defaults to method="average" (two firsts would both be 1.5): DENSE_RANK is "dense".
    # A NULL score gets NaN from rank() but a rank from DENSE_RANK: NULLs sort last under DESC,
    # as one more group of peers. na_option="bottom" does the same.
    rank = scores["score"].rank(method="dense", ascending=False, na_option="bottom")
    ranked = scores.assign(rank=rank.astype("int64"))
    return ranked.sort_values("score", ascending=False, na_position="last")[["score", "rank"]]


@wrong("rank() defaults to average: two firsts are both 1.5", "1. Ranking")
def default_rank(scores: pd.DataFrame) -> pd.DataFrame:
    """rank() with its default method: tied scores share the mean of their places."""
    ranked = scores.assign(rank=scores["score"].rank(ascending=False))
    return ranked.sort_values("score", ascending=False, na_position="last")[["score", "rank"]]


@wrong("rank() gives a missing score NaN; DENSE_RANK ranks it last", "1. Ranking")
def missing_score_unranked(scores: pd.DataFrame) -> pd.DataFrame:
    """The dense rank, but without na_option: a NULL score gets no rank."""
    ranked = scores.assign(rank=scores["score"].rank(method="dense", ascending=False))
    return ranked.sort_values("score", ascending=False, na_position="last")[["score", "rank"]]


def tables() -> st.SearchStrategy:
    """Scores as DECIMAL(3, 2): hundredths from 0.00 to 9.99, often the same few, sometimes NULL."""
    score = st.one_of(
        st.none(), st.sampled_from([150, 365, 400]), st.integers(0, 999)
    ).map(lambda hundredths: None if hundredths is None else hundredths / 100)
    scores = frame(
        {"id": st.integers(1, 10_000), "score": score},
        {"id": "Int64", "score": "float64"},
        unique=("id",),
    )
    return st.fixed_dictionaries({"Scores": scores})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Scores(id, score): hundredths 0.00..9.99, 1% NULL."""
    score = rng.integers(0, 1000, n) / 100
    score[rng.random(n) < 0.01] = np.nan
    return {"Scores": pd.DataFrame({"id": ids(n), "score": score})}


EXERCISE = Exercise(
    number=178,
    title="Rank Scores",
    statement=STATEMENT,
    inputs=("Scores",),
    solve=rank_scores,
    strategy=tables,
    generate=generate,
    ordered=True,
    expected_dtypes={"score": "float64", "rank": "Int64"},
    hints=(
        "Ties share a rank and leave no gap after them: that rule has a name in SQL, and a "
        "method of the same name in pandas' rank().",
        "DENSE_RANK() OVER (ORDER BY score DESC); in pandas rank(method='dense', "
        "ascending=False), not the default method, which averages tied places.",
        "A NULL score: DESC puts it last and DENSE_RANK gives it a rank; rank() gives NaN unless "
        "na_option='bottom'. Write `rank` in backticks (reserved in MySQL 8), and sort by score "
        "descending at the end.",
    ),
    wrong=(default_rank, missing_score_unranked),
)
