"""The lesson's small tables (Authors, Books, Formats, Prizes), as DataFrames and on the server."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.engine import Connection

from common import db

_CS = "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
DDL = {
    "Authors": f"""CREATE TABLE Authors (
    author_id INT NOT NULL, name VARCHAR(50) NOT NULL, mentor_id INT, PRIMARY KEY (author_id)
) {_CS};""",
    "Books": f"""CREATE TABLE Books (
    book_id INT NOT NULL, author_id INT, title VARCHAR(50) NOT NULL, PRIMARY KEY (book_id)
) {_CS};""",
    "Formats": f"CREATE TABLE Formats (format VARCHAR(20) NOT NULL, PRIMARY KEY (format)) {_CS};",
    "Prizes": f"CREATE TABLE Prizes (author_id INT, prize VARCHAR(50) NOT NULL) {_CS};",
}


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


def load(conn: Connection) -> None:
    """(Re)create the tables in `conn`'s database and fill them with the same rows."""
    for name, frame in tables().items():
        db.execute_raw(conn, f"DROP TABLE IF EXISTS {db.quote(name)}").close()
        db.execute_script(conn, DDL[name])
        db.insert_frame(conn, name, frame)
