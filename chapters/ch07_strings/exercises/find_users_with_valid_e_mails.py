"""1517. Find Users With Valid E-Mails: an anchored, case-sensitive pattern."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.ch07_strings.exercises._inputs import maybe, row_id
from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ids, words
from chapters.sqlkit.strategies import frame, tricky_text

STATEMENT = """
A mail is valid when it is a prefix followed by exactly '@leetcode.com' (lower case, nothing
after it). The prefix starts with an ASCII letter and holds only ASCII letters, digits, '_',
'.' and '-'. List user_id, name and mail of the users with a valid mail, in any order.
"""
# A letter, then letters, digits, '_', '.' or '-', then exactly "@leetcode.com".
VALID_MAIL = r"[A-Za-z][A-Za-z0-9_.-]*@leetcode[.]com"


def find_users_with_valid_e_mails(users: pd.DataFrame) -> pd.DataFrame:
    """The users whose mail is valid (case-sensitive; the whole string must match)."""
    # fullmatch, not match: match only anchors the start, and a pattern ending in $ would still
    # accept "x@leetcode.com\n". A NULL mail gives NA, which is not a match.
    valid = users["mail"].str.fullmatch(VALID_MAIL).astype("boolean").fillna(False)
    return users.loc[valid, ["user_id", "name", "mail"]]


@wrong("str.match anchors the start only", "5. `REGEXP`: not anchored unless you anchor it")
def match_without_end(users: pd.DataFrame) -> pd.DataFrame:
    """str.match: 'x@leetcode.com.au' passes, since only the start is anchored."""
    valid = users["mail"].str.match(VALID_MAIL).astype("boolean").fillna(False)
    return users.loc[valid, ["user_id", "name", "mail"]]


@wrong("`$` also matches before a final newline", "`$` matches before a final newline")
def match_with_dollar(users: pd.DataFrame) -> pd.DataFrame:
    """str.match with $: 'x@leetcode.com\\n' passes."""
    valid = users["mail"].str.match(VALID_MAIL + "$").astype("boolean").fillna(False)
    return users.loc[valid, ["user_id", "name", "mail"]]


def tables() -> st.SearchStrategy:
    """Prefixes good and bad, and domains that differ in case, a newline, a space or a dot."""
    prefix = st.text(st.sampled_from(list("aZq09_.-#é")), max_size=5)
    domain = st.sampled_from(
        [
            "@leetcode.com",
            "@LEETCODE.COM",
            "@leetcode.Com",
            "@leetcode.com\n",  # $ would accept it; \z does not
            "@leetcode.com ",  # a trailing space is not the end of the string
            "@leetcode.com.au",
            "@leetcodeXcom",
            "@leetcode.co",
            "",
        ]
    )
    good_prefix = st.builds(
        str.__add__, st.sampled_from(["a", "Z"]), st.text(st.sampled_from("q9_.-"), max_size=3)
    )
    mail = maybe(
        st.one_of(
            st.builds(str.__add__, good_prefix, domain),  # a good prefix: the domain decides
            st.builds(str.__add__, prefix, domain),
            tricky_text(),
        )
    )
    users = frame(
        {"user_id": row_id, "name": maybe(tricky_text()), "mail": mail},
        {"user_id": "Int64"},
        unique=("user_id",),
    )
    return st.fixed_dictionaries({"Users": users})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n users; about half of the mails valid, the rest with a wrong domain or first character."""
    names = words(n, rng, 3, 8)
    domains = np.array(["@leetcode.com", "@leetcode.com", "@LEETCODE.COM", "@leetcodeXcom"], dtype=object)
    first = rng.choice(np.array(["", "", "", "9", "."], dtype=object), n)
    mail = first + names.str.lower() + rng.choice(domains, n)
    return {"Users": pd.DataFrame({"user_id": ids(n), "name": names, "mail": mail})}


EXERCISE = Exercise(
    number=1517,
    title="Find Users With Valid E-Mails",
    statement=STATEMENT,
    inputs=("Users",),
    solve=find_users_with_valid_e_mails,
    strategy=tables,
    generate=generate,
    expected_dtypes={"user_id": "Int64"},
    hints=(
        "A regular expression fits: one letter, then any number of the allowed characters, "
        "then the domain.",
        "The pattern must cover the whole mail, and the comparison must be case-sensitive; "
        "think about what '.', '$' and the table's collation do.",
        "pandas: str.fullmatch(r'[A-Za-z][A-Za-z0-9_.-]*@leetcode[.]com'). SQL: mail COLLATE "
        "utf8mb4_bin REGEXP '^[A-Za-z][A-Za-z0-9_.-]*@leetcode[.]com\\\\z'.",
    ),
    wrong=(match_without_end, match_with_dollar),
)
