"""595. Big Countries, in pandas."""

import pandas as pd


def big_countries(world: pd.DataFrame) -> pd.DataFrame:
    """Countries with an area of at least 3,000,000 or a population of at least 25,000,000."""
    big = (world["area"] >= 3_000_000) | (world["population"] >= 25_000_000)
    # With nullable Int64 columns a comparison with NULL gives <NA>, as in SQL; NA | True is
    # True, but NA | False stays NA. .loc would treat NA as False anyway; fillna says so.
    return world.loc[big.fillna(False), ["name", "population", "area"]]
