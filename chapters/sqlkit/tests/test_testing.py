"""chapters.sqlkit.testing.make_table: the small tables the chapters' trap tests build."""

import pytest

from chapters.sqlkit import db
from chapters.sqlkit.testing import make_table


def test_make_table_replaces_the_table_with_a_keyed_case_blind_one(module_db):
    with module_db.begin() as conn:
        make_table(conn, "Pairs", {"k": "INT", "word": "VARCHAR(9)"}, [(1, "old")])
        make_table(conn, "Pairs", {"k": "INT", "word": "VARCHAR(9)"}, [(2, "Pen"), (3, None)])
        rows = db.query_frame(conn, "SELECT k, word FROM Pairs ORDER BY k")
        matched = db.query_frame(conn, "SELECT k FROM Pairs WHERE word = 'pen'")
        key = db.query_frame(
            conn,
            "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
            "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'Pairs' "
            "AND CONSTRAINT_NAME = 'PRIMARY'",
        )
    assert rows.to_dict("records") == [{"k": 2, "word": "Pen"}, {"k": 3, "word": None}]
    assert matched["k"].tolist() == [2]  # utf8mb4_unicode_ci: 'Pen' = 'pen'
    assert key["COLUMN_NAME"].tolist() == ["k"]


def test_make_table_needs_a_column():
    with pytest.raises(ValueError, match="at least one column"):
        make_table(None, "Empty", {}, [])
