"""595. Big Countries: two limits joined by OR."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ints, text
from chapters.sqlkit.strategies import frame, key_text, tricky_text

STATEMENT = """
A country counts as big when its area is at least 3,000,000 km² or its population is at
least 25,000,000 (either is enough; both limits are inclusive). List the name, population and
area of every big country, in any order.
"""


def big_countries(world: pd.DataFrame) -> pd.DataFrame:
    """Countries with an area of at least 3,000,000 or a population of at least 25,000,000."""
    big = (world["area"] >= 3_000_000) | (world["population"] >= 25_000_000)
    # With nullable Int64 columns a comparison with NULL gives <NA>, as in SQL; NA | True is
    # True, but NA | False stays NA. .loc would treat NA as False anyway; fillna says so.
    return world.loc[big.fillna(False), ["name", "population", "area"]]


@wrong("NaN is not NULL: ~(NaN < x) is True", "2. `WHERE` and a boolean mask")
def small_is_not_big_on_floats(world: pd.DataFrame) -> pd.DataFrame:
    """'Not small' on float columns: a missing area counts as not small."""
    area, population = world["area"].astype(float), world["population"].astype(float)
    small = (area < 3_000_000) & (population < 25_000_000)
    return world.loc[~small, ["name", "population", "area"]]


def ints_near(limit: int) -> st.SearchStrategy:
    """Integers that hit the limit exactly, just below and above it, or anywhere, or NULL."""
    edges = st.sampled_from([limit - 1, limit, limit + 1])
    return st.one_of(st.none(), edges, st.integers(0, 2 * limit))


def tables() -> st.SearchStrategy:
    """Small World tables with areas and populations on and around the limits."""
    world = frame(
        {
            "name": key_text(),
            "continent": st.one_of(st.none(), tricky_text()),
            "area": ints_near(3_000_000),
            "population": ints_near(25_000_000),
            "gdp": st.one_of(st.none(), st.integers(0, 10**13)),
        },
        {"area": "Int64", "population": "Int64", "gdp": "Int64"},
        unique=("name",),
    )
    return st.fixed_dictionaries({"World": world})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """World with n countries; about a fifth of them big."""
    world = pd.DataFrame(
        {
            "name": text("country", np.arange(n)),
            "continent": rng.choice(np.array(["Africa", "Asia", "Europe"], dtype=object), n),
            "area": ints(rng.integers(0, 4_000_000, n), rng, 0.05),
            "population": ints(rng.integers(0, 32_000_000, n), rng, 0.05),
            "gdp": ints(rng.integers(0, 10**13, n)),
        }
    )
    return {"World": world}


EXERCISE = Exercise(
    number=595,
    title="Big Countries",
    statement=STATEMENT,
    inputs=("World",),
    solve=big_countries,
    strategy=tables,
    generate=generate,
    expected_dtypes={"population": "Int64", "area": "Int64"},
    hints=(
        "Two conditions, and either one is enough: that is OR in SQL and | in pandas.",
        "'At least' includes the limit itself: >=, not >.",
        "SQL: WHERE area >= 3000000 OR population >= 25000000. pandas: put each comparison in "
        "parentheses, join them with |, and keep the name, population and area columns.",
    ),
    wrong=(small_is_not_big_on_floats,),
)
