"""1148. Article Views I, in pandas."""

import pandas as pd


def article_views(views: pd.DataFrame) -> pd.DataFrame:
    """Authors who viewed at least one of their own articles, each once, ascending."""
    # Int64 columns: NULL == NULL gives <NA> (unknown), as in SQL; unknown is not a match.
    own = (views["author_id"] == views["viewer_id"]).fillna(False)
    authors = views.loc[own, ["author_id"]].drop_duplicates()
    return authors.rename(columns={"author_id": "id"}).sort_values("id")
