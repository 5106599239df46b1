"""196. Delete Duplicate Emails: change the table in place, as the collation compares emails."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ints
from chapters.sqlkit.strategies import frame

STATEMENT = """
Several rows of Person may hold the same email (emails compare without regard to case, as the
table's collation does). Delete the extra rows, keeping for each email only the row with the
smallest id. Change the table itself: the answer is the table afterwards (rows in any order).
Rows without an email are not duplicates of each other.
"""


def delete_duplicate_emails(person: pd.DataFrame) -> pd.DataFrame:
    """Person without the rows whose email a smaller id already has: the table's new state.

    LeetCode asks for `person.drop_duplicates(..., inplace=True)`. pandas 3.1 deprecates
    inplace=True on drop/drop_duplicates (it never changed the data in place anyway), so we
    return the new frame; the caller rebinds it: `person = delete_duplicate_emails(person)`.
    """
    # The server compares emails under utf8mb4_unicode_ci, where 'Ann@x.io' = 'ann@x.io';
    # pandas compares code points. casefold() makes pandas see what the server sees (for the
    # letters, digits and punctuation that emails use).
    by_id = person.assign(key=person["email"].str.casefold()).sort_values("id")
    # keep="first" on rows sorted by id keeps the smallest id. But duplicated() treats NaN as
    # equal to NaN, while SQL's `=` never matches NULL: rows without an email all stay.
    doomed = by_id.duplicated("key", keep="first") & by_id["key"].notna()
    return by_id.loc[~doomed, ["id", "email"]]


@wrong("drop_duplicates is case-sensitive and treats NaN as equal; the server does neither",
       "4. Deleting duplicates in place")
def plain_drop_duplicates(person: pd.DataFrame) -> pd.DataFrame:
    """The obvious pandas answer: 'A@x.io' and 'a@x.io' both stay, two NULL emails become one."""
    return person.sort_values("id").drop_duplicates("email", keep="first")


@wrong("keep='first' keeps the first row of the frame, not the smallest id: sort by id first",
       "4. Deleting duplicates in place")
def first_in_frame_order(person: pd.DataFrame) -> pd.DataFrame:
    """Emails compared as the server does, but the row kept is whichever comes first."""
    keyed = person.assign(key=person["email"].str.casefold())
    doomed = keyed.duplicated("key", keep="first") & keyed["key"].notna()
    return keyed.loc[~doomed, ["id", "email"]]


def tables() -> st.SearchStrategy:
    """Few letters in mixed case: duplicates under the _ci collation are frequent; some NULLs."""
    email = st.one_of(
        st.none(), st.text(st.sampled_from("aAbB"), min_size=1, max_size=2).map(lambda s: s + "@x.io")
    )
    person = frame({"id": st.integers(1, 10_000), "email": email}, {"id": "Int64"}, unique=("id",))
    return st.fixed_dictionaries({"Person": person})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Person(id, email): about half the rows repeat an email, some in upper case, 1% NULL."""
    local = np.char.add("u", rng.integers(0, max(1, n // 2), n).astype(str))
    upper = rng.random(n) < 0.1
    email = np.char.add(np.where(upper, np.char.upper(local), local), "@x.io").astype(object)
    email[rng.random(n) < 0.01] = None
    person = pd.DataFrame({"id": ints(rng.permutation(n) + 1), "email": pd.Series(email, dtype=object)})
    return {"Person": person}


EXERCISE = Exercise(
    number=196,
    title="Delete Duplicate Emails",
    statement=STATEMENT,
    inputs=("Person",),
    solve=delete_duplicate_emails,
    strategy=tables,
    generate=generate,
    expected_dtypes={"id": "Int64"},
    in_place="Person",
    result_sql="SELECT id, email FROM Person",
    hints=(
        "A row must go when another row has the same email and a smaller id. Two rows without "
        "an email are not the same email.",
        "MySQL refuses a DELETE whose subquery reads Person itself (error 1093): join Person to "
        "itself instead, DELETE p1 FROM Person AS p1 JOIN Person AS p2 ON ...",
        "SQL: ON p1.email = p2.email AND p1.id > p2.id (the collation ignores case, `=` never "
        "matches NULL). pandas: sort by id, compare str.casefold() keys with duplicated(), and "
        "keep the rows whose email is missing.",
    ),
    wrong=(plain_drop_duplicates, first_in_frame_order),
    sql_stub="""
-- Change the table itself: a DELETE on Person. The judge then reads SELECT id, email FROM Person.
-- DELETE ...;
""",
)
