"""178. Rank Scores, in pandas."""

import pandas as pd


def order_scores(scores: pd.DataFrame) -> pd.DataFrame:
    """Each score with its dense rank (highest first, no gaps after ties), best score first."""
    # rank() defaults to method="average" (two firsts would both be 1.5): DENSE_RANK is "dense".
    # A NULL score gets NaN from rank() but a rank from DENSE_RANK: NULLs sort last under DESC,
    # as one more group of peers. na_option="bottom" does the same.
    rank = scores["score"].rank(method="dense", ascending=False, na_option="bottom")
    ranked = scores.assign(rank=rank.astype("int64"))
    return ranked.sort_values("score", ascending=False, na_position="last")[["score", "rank"]]
