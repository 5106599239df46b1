"""The lesson's small tables (Authors, Books, Formats, Prizes) as DataFrames (the README's first SQL
block makes them on the server)."""

from __future__ import annotations

import pandas as pd


def _ids(values: list) -> pd.Series:
    return pd.Series(values, dtype="Int64")  # nullable integers, as the server has them


def tables() -> dict[str, pd.DataFrame]:
    """Fresh copies of the lesson's tables. Edge cases: a book with no author (NULL), a book by
    an unknown author (9), authors with no book, and a prize whose author_id is NULL."""
    return {
        "Authors": pd.DataFrame(
            {
                "author_id": _ids([1, 2, 3, 4]),
                "name": ["Ada", "Bea", "Cal", "Dee"],
                "mentor_id": _ids([None, 1, 1, 2]),
            }
        ),
        "Books": pd.DataFrame(
            {
                "book_id": _ids([10, 11, 12, 13, 14]),
                "author_id": _ids([1, 1, 3, None, 9]),
                "title": ["Arrays", "Bits", "Caches", "Drafts", "Errata"],
            }
        ),
        "Formats": pd.DataFrame({"format": ["ebook", "paper"]}),
        "Prizes": pd.DataFrame({"author_id": _ids([1, None]), "prize": ["Gold", "Mystery"]}),
    }
