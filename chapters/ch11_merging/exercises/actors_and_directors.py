"""1050. Actors and Directors Who Cooperated At Least Three Times: grouping by a pair of keys."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ints
from chapters.sqlkit.strategies import frame

STATEMENT = """
Each row of ActorDirector records one film made by actor actor_id with director
director_id (timestamp is the row's key). List the (actor_id, director_id) pairs that
worked together at least three times. Any order.
"""


def actors_and_directors(actor_director: pd.DataFrame) -> pd.DataFrame:
    """(actor, director) pairs that appear together in at least three rows."""
    pairs = actor_director.groupby(["actor_id", "director_id"], as_index=False).size()
    return pairs.loc[pairs["size"] >= 3, ["actor_id", "director_id"]]


@wrong("'at least three times' includes three: >=, not >", "Exercises")
def more_than_three(actor_director: pd.DataFrame) -> pd.DataFrame:
    """A strict comparison: a pair with exactly three films is lost."""
    pairs = actor_director.groupby(["actor_id", "director_id"], as_index=False).size()
    return pairs.loc[pairs["size"] > 3, ["actor_id", "director_id"]]


def tables() -> st.SearchStrategy:
    """Three actors and three directors, so pairs often meet three times or more."""
    pair_id = st.integers(0, 2)
    actor_director = frame(
        {"actor_id": pair_id, "director_id": pair_id, "timestamp": st.integers(0, 10**6)},
        {"actor_id": "Int64", "director_id": "Int64", "timestamp": "Int64"},
        max_rows=15,
        unique=("timestamp",),
    )
    return st.fixed_dictionaries({"ActorDirector": actor_director})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n films by n/20 actors with 10 directors: two films per pair on average."""
    actor_director = pd.DataFrame(
        {
            "actor_id": ints(rng.integers(0, max(n // 20, 1), n)),
            "director_id": ints(rng.integers(0, 10, n)),
            "timestamp": ints(np.arange(n)),
        }
    )
    return {"ActorDirector": actor_director}


EXERCISE = Exercise(
    number=1050,
    title="Actors and Directors Who Cooperated At Least Three Times",
    statement=STATEMENT,
    inputs=("ActorDirector",),
    solve=actors_and_directors,
    strategy=tables,
    generate=generate,
    expected_dtypes={"actor_id": "Int64", "director_id": "Int64"},
    hints=(
        "A group is a pair: group by actor_id and director_id together.",
        "Count the rows of each pair and keep the pairs, not the rows: HAVING in SQL, a filter "
        "on the counted frame in pandas.",
        "Three films are enough: HAVING COUNT(*) >= 3; in pandas .size() and then >= 3.",
    ),
    wrong=(more_than_three,),
)
