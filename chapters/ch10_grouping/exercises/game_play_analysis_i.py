"""511. Game Play Analysis I: the smallest date of each group, MIN and not the first row."""

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import days, ints
from chapters.sqlkit.strategies import frame

STATEMENT = """
Activity has one row per player and day the player logged in. Report each player's first
login date as first_login. Any order.
"""

ONE_VALUE_PER_GROUP = "3. ONLY_FULL_GROUP_BY: one value per group, or an error"


def game_play_analysis_i(activity: pd.DataFrame) -> pd.DataFrame:
    """The first day each player logged in."""
    return activity.groupby("player_id", as_index=False).agg(first_login=("event_date", "min"))


@wrong("'first' is the first row, not the earliest date", ONE_VALUE_PER_GROUP)
def first_row(activity: pd.DataFrame) -> pd.DataFrame:
    """Each player's date from the first row of the table, whatever order the rows are in."""
    return activity.groupby("player_id", as_index=False).agg(first_login=("event_date", "first"))


def tables() -> st.SearchStrategy:
    """Few players and days, logins in any order, devices and games sometimes unknown."""
    activity = frame(
        {
            "player_id": st.integers(0, 4),
            "device_id": st.one_of(st.none(), st.integers(0, 3)),
            "event_date": st.dates(dt.date(2023, 12, 30), dt.date(2024, 1, 3)),
            "games_played": st.one_of(st.none(), st.integers(0, 9)),
        },
        {
            "player_id": "Int64",
            "device_id": "Int64",
            "event_date": "datetime64[ns]",
            "games_played": "Int64",
        },
        unique=("player_id", "event_date"),
    )
    return st.fixed_dictionaries({"Activity": activity})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n logins of n/50 players on distinct days, rows shuffled."""
    k = rng.permutation(n)
    players = max(n // 50, 1)
    activity = pd.DataFrame(
        {
            "player_id": ints(k % players),
            "device_id": ints(rng.integers(0, 5, n), rng, 0.05),
            "event_date": days(k // players),
            "games_played": ints(rng.integers(0, 10, n), rng, 0.05),
        }
    )
    return {"Activity": activity}


EXERCISE = Exercise(
    number=511,
    title="Game Play Analysis I",
    statement=STATEMENT,
    inputs=("Activity",),
    solve=game_play_analysis_i,
    strategy=tables,
    generate=generate,
    expected_dtypes={"player_id": "Int64", "first_login": "datetime64[ns]"},
    hints=(
        "One row per player: group by player_id, and aggregate the dates.",
        "The rows are in no particular order, so the first row of a player is not their first "
        "login: ask for the smallest date.",
        "SQL: MIN(event_date) AS first_login ... GROUP BY player_id. pandas: "
        "groupby('player_id', as_index=False).agg(first_login=('event_date', 'min')).",
    ),
    wrong=(first_row,),
)
