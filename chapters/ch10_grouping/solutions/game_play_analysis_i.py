"""511. Game Play Analysis I, in pandas."""

import pandas as pd


def game_analysis(activity: pd.DataFrame) -> pd.DataFrame:
    """The first day each player logged in."""
    return activity.groupby("player_id", as_index=False).agg(first_login=("event_date", "min"))
