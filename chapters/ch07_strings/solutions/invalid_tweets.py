"""1683. Invalid Tweets, in pandas."""

import pandas as pd


def invalid_tweets(tweets: pd.DataFrame) -> pd.DataFrame:
    """Ids of the tweets longer than 15 characters (characters, not bytes)."""
    # str.len counts code points, like CHAR_LENGTH; a NULL content gives NaN, and NaN > 15 is False.
    too_long = tweets["content"].str.len() > 15
    return tweets.loc[too_long, ["tweet_id"]]
