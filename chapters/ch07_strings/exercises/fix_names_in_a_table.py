"""1667. Fix Names in a Table: upper case for the first character, lower case for the rest."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.ch07_strings.exercises._inputs import maybe, row_id
from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ids, words
from chapters.sqlkit.strategies import frame

STATEMENT = """
Rewrite each user's name so that its first character is upper case and all the others lower
case (a character with no one-character upper case, such as 'ß', stays as it is). List user_id
and the fixed name, ordered by user_id.
"""


def fix_names_in_a_table(users: pd.DataFrame) -> pd.DataFrame:
    """Each name with its first character in upper case and the rest in lower case."""
    name = users["name"]
    first, rest = name.str[:1], name.str[1:]  # slices, like LEFT(name, 1) and SUBSTRING(name, 2)
    # Python maps case with the full Unicode rules, where 'ß'.upper() is 'SS' (two characters)
    # and 'İ'.lower() is 'i' plus a combining dot. MySQL maps one character to one character
    # ('ß' stays 'ß', 'İ' becomes 'i'), so we keep the one-to-one results only.
    upper = first.str.upper()
    first = upper.where(upper.str.len() == 1, first)
    rest = rest.str.replace("İ", "i", regex=False).str.lower()
    fixed = users.assign(name=first + rest)
    return fixed[["user_id", "name"]].sort_values("user_id")


@wrong("Python's case mapping is not MySQL's: 'ß'.upper() is 'SS'", "3. Case, slices and concatenation")
def capitalize(users: pd.DataFrame) -> pd.DataFrame:
    """str.capitalize: right for ASCII names, two characters for a leading 'ß'."""
    fixed = users.assign(name=users["name"].str.capitalize())
    return fixed[["user_id", "name"]].sort_values("user_id")


def tables() -> st.SearchStrategy:
    """Case-mapping corners: 'ß' (upper case is two letters in Python), 'ı' and 'İ'."""
    name_alphabet = st.sampled_from(list("aAzZ éÉßıİ0'-😀"))
    users = frame(
        {"user_id": row_id, "name": maybe(st.text(name_alphabet, max_size=8))},
        {"user_id": "Int64"},
        unique=("user_id",),
    )
    return st.fixed_dictionaries({"Users": users})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n users with names of 3 to 12 letters in mixed case."""
    return {"Users": pd.DataFrame({"user_id": ids(n), "name": words(n, rng, 3, 12)})}


EXERCISE = Exercise(
    number=1667,
    title="Fix Names in a Table",
    statement=STATEMENT,
    inputs=("Users",),
    solve=fix_names_in_a_table,
    strategy=tables,
    generate=generate,
    ordered=True,
    expected_dtypes={"user_id": "Int64"},
    hints=(
        "Cut each name in two: its first character and the rest.",
        "Upper-case the first part, lower-case the rest, glue them back (CONCAT / +).",
        "Beware of letters whose upper case is two letters in Python ('ß' -> 'SS'): MySQL keeps "
        "'ß'. Keep Python's upper case only when it is one character.",
    ),
    wrong=(capitalize,),
)
