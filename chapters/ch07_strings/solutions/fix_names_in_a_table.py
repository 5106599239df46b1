"""1667. Fix Names in a Table, in pandas."""

import pandas as pd


def fix_names(users: pd.DataFrame) -> pd.DataFrame:
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
