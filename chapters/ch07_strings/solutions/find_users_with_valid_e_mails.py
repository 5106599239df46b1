"""1517. Find Users With Valid E-Mails, in pandas."""

import pandas as pd

# A letter, then letters, digits, '_', '.' or '-', then exactly "@leetcode.com".
VALID_MAIL = r"[A-Za-z][A-Za-z0-9_.-]*@leetcode[.]com"


def valid_emails(users: pd.DataFrame) -> pd.DataFrame:
    """The users whose mail is valid (case-sensitive; the whole string must match)."""
    # fullmatch, not match: match only anchors the start, and a pattern ending in $ would still
    # accept "x@leetcode.com\n". A NULL mail gives NA, which is not a match.
    valid = users["mail"].str.fullmatch(VALID_MAIL).astype("boolean").fillna(False)
    return users.loc[valid, ["user_id", "name", "mail"]]
