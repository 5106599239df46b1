"""196. Delete Duplicate Emails, in pandas."""

import pandas as pd


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
