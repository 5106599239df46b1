"""1683. Invalid Tweets: a length in characters, not in bytes."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.ch07_strings.exercises._inputs import maybe, row_id
from chapters.sqlkit import Exercise
from chapters.sqlkit.columns import ids, words
from chapters.sqlkit.strategies import TRICKY_ALPHABET, frame, tricky_text

STATEMENT = """
A tweet is invalid when its content is longer than 15 characters (characters, not bytes:
'é' and '😀' count one each; spaces count too). List the tweet_id of every invalid tweet, in
any order. A tweet without content is not invalid.
"""


def invalid_tweets(tweets: pd.DataFrame) -> pd.DataFrame:
    """Ids of the tweets longer than 15 characters (characters, not bytes)."""
    # str.len counts code points, like CHAR_LENGTH; a NULL content gives NaN, and NaN > 15 is False.
    too_long = tweets["content"].str.len() > 15
    return tweets.loc[too_long, ["tweet_id"]]


def tables() -> st.SearchStrategy:
    """Around the limit of 15 characters, with multi-byte characters and spaces at either end."""
    content = maybe(
        st.one_of(tricky_text(max_size=20), st.text(TRICKY_ALPHABET, min_size=14, max_size=17))
    )
    tweets = frame(
        {"tweet_id": row_id, "content": content}, {"tweet_id": "Int64"}, unique=("tweet_id",)
    )
    return st.fixed_dictionaries({"Tweets": tweets})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n tweets of 5 to 25 letters."""
    return {"Tweets": pd.DataFrame({"tweet_id": ids(n), "content": words(n, rng, 5, 25)})}


EXERCISE = Exercise(
    number=1683,
    title="Invalid Tweets",
    statement=STATEMENT,
    inputs=("Tweets",),
    solve=invalid_tweets,
    strategy=tables,
    generate=generate,
    expected_dtypes={"tweet_id": "Int64"},
    hints=(
        "Measure each content and keep the tweets whose measure is above 15.",
        "MySQL has two length functions: one counts bytes, the other characters; 'é' is one "
        "character but two bytes in utf8mb4.",
        "SQL: WHERE CHAR_LENGTH(content) > 15. pandas: tweets['content'].str.len() > 15, then "
        "keep the tweet_id column.",
    ),
)
