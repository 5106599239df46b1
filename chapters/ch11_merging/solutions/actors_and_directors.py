"""1050. Actors and Directors Who Cooperated At Least Three Times, in pandas."""

import pandas as pd


def actors_and_directors(actor_director: pd.DataFrame) -> pd.DataFrame:
    """(actor, director) pairs that appear together in at least three rows."""
    pairs = actor_director.groupby(["actor_id", "director_id"], as_index=False).size()
    return pairs.loc[pairs["size"] >= 3, ["actor_id", "director_id"]]
