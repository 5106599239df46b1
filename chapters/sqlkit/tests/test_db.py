"""The MySQL harness against the real server: DDL, CSV loading, round trips, errors."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from chapters.sqlkit import db
from chapters.sqlkit.csvdata import read_csv_rows
from chapters.sqlkit.frames import assert_frames_match

ROOT = Path(__file__).resolve().parents[3]
CSV = ROOT / "data" / "common" / "tricky.csv"
DDL = (ROOT / "sql" / "common" / "tricky.sql").read_text()


def _typed(value: str | None, column: str):
    """What the server should hand back for a CSV string, by column type."""
    if value is None or column in ("label", "note"):
        return value
    if column == "id":
        return int(value)
    if column == "amount":
        return Decimal(value)
    return dt.date.fromisoformat(value)


@pytest.fixture
def loaded(throwaway_db):
    with throwaway_db.begin() as conn:
        db.load_table(conn, "tricky", DDL, CSV)
    return throwaway_db


def test_csv_round_trips_exactly_through_sql_and_pandas(loaded):
    header, rows = read_csv_rows(CSV)
    expected = pd.DataFrame(
        [[_typed(v, c) for v, c in zip(row, header, strict=True)] for row in rows],
        columns=header,
        dtype=object,
    )
    with loaded.connect() as conn:
        through_sql = db.query_frame(conn, "SELECT * FROM tricky ORDER BY id")
        through_pandas = pd.read_sql("SELECT * FROM tricky ORDER BY id", conn)
    # Strings must come back byte for byte: spaces, quotes, backslashes, emoji, newlines.
    assert through_sql["label"].tolist() == expected["label"].tolist()
    assert through_sql["note"].tolist() == expected["note"].tolist()
    assert through_sql.loc[7, "note"] == expected.loc[7, "note"] and len(expected.loc[7, "note"]) > 8000
    assert through_sql.loc[4, "label"] is None and through_sql.loc[5, "label"] == ""
    assert_frames_match(through_sql, expected, check_order=True)
    assert_frames_match(through_pandas, expected, check_order=True)


def test_loading_twice_gives_the_same_table(loaded):
    with loaded.begin() as conn:
        first = db.query_frame(conn, "SELECT * FROM tricky ORDER BY id")
        db.load_table(conn, "tricky", DDL, CSV)
        second = db.query_frame(conn, "SELECT * FROM tricky ORDER BY id")
    assert len(second) == len(first) == 10
    assert_frames_match(second, first, check_order=True)


def test_injection_attempt_is_stored_as_data(loaded):
    attack = "x'); DROP TABLE tricky; --"
    with loaded.begin() as conn:
        found = db.query_frame(conn, "SELECT id FROM tricky WHERE label = :label", {"label": attack})
        db.insert_rows(conn, "tricky", ["id", "label"], [[11, attack]])
        count = db.query_frame(conn, "SELECT COUNT(*) AS n FROM tricky")
    assert found["id"].tolist() == [9]
    assert count.loc[0, "n"] == 11  # the table is still there, one row longer


def test_session_rules_are_set_whatever_the_server_defaults(throwaway_db):
    with throwaway_db.connect() as conn:
        row = db.query_frame(
            conn, "SELECT @@SESSION.sql_mode AS mode, @@collation_connection AS coll"
        ).iloc[0]
        database = db.query_frame(
            conn,
            "SELECT DEFAULT_COLLATION_NAME AS coll FROM information_schema.SCHEMATA "
            "WHERE SCHEMA_NAME = DATABASE()",
        ).iloc[0]
    assert "ONLY_FULL_GROUP_BY" in row["mode"].split(",")
    assert row["coll"] == database["coll"] == "utf8mb4_unicode_ci"


def test_only_full_group_by_refuses_a_non_grouped_column(loaded):
    with loaded.connect() as conn, pytest.raises(sa.exc.OperationalError, match="1055"):
        db.query_frame(conn, "SELECT day, label FROM tricky GROUP BY day")


def test_percent_in_a_query_without_parameters_reaches_the_server_untouched(loaded):
    with loaded.connect() as conn:
        hits = db.query_frame(conn, "SELECT id FROM tricky WHERE label LIKE '100%'")
    assert hits["id"].tolist() == [3]


@pytest.mark.parametrize("bad", ["t; DROP TABLE x", "name`", "", "a b", "é", "x" * 65, None])
def test_invalid_identifiers_are_refused(bad):
    with pytest.raises(ValueError, match="invalid SQL identifier"):
        db.check_identifier(bad)


def test_a_malformed_csv_names_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n3\n")
    with pytest.raises(ValueError, match=r"bad\.csv:3: 1 fields, the header has 2"):
        read_csv_rows(bad)


def test_bad_values_are_refused_by_the_server_in_strict_mode(throwaway_db, tmp_path):
    bad = tmp_path / "tricky.csv"
    bad.write_text("id,amount\n1,not a number\n")
    with throwaway_db.begin() as conn, pytest.raises(sa.exc.DataError):
        db.load_table(conn, "tricky", DDL, bad)


def test_unreachable_server_fails_fast_with_one_line(monkeypatch):
    monkeypatch.setenv("MYSQL_URL", "mysql+pymysql://root@127.0.0.1:1/tutorial")
    start = time.monotonic()
    with pytest.raises(db.ServerUnavailable) as error:
        db.get_engine(timeout=2)
    assert time.monotonic() - start < 6
    message = str(error.value)
    assert "\n" not in message
    assert "127.0.0.1:1" in message and "make db" in message and "MYSQL_URL" in message


def test_throwaway_database_is_dropped(mysql_available):
    with db.throwaway_database("probe") as engine:
        name = engine.url.database
    with db.get_engine().connect() as conn:
        left = db.query_frame(conn, f"SHOW DATABASES LIKE '{name}'")
    assert left.empty


def test_delimiter_aware_split_keeps_a_function_body_whole():
    script = (
        "-- a comment\nSELECT 1;\nDELIMITER $$\nCREATE FUNCTION f() RETURNS INT\n"
        "BEGIN\n  DECLARE x INT;\n  RETURN 1;\nEND $$\nDELIMITER ;\nSELECT f();\n"
    )
    statements = db.split_statements(script)
    assert statements[0] == "SELECT 1"
    assert statements[1].startswith("CREATE FUNCTION") and "RETURN 1;" in statements[1]
    assert statements[2] == "SELECT f()"


def test_tz_aware_timestamps_are_stored_in_utc(throwaway_db):
    noon_plus_one = pd.Timestamp("2024-01-15 12:00", tz=dt.timezone(dt.timedelta(hours=1)))
    frame = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "at": pd.Series([noon_plus_one, noon_plus_one, pd.NaT], dtype="datetime64[ns, UTC+01:00]"),
            "stamp": [noon_plus_one, noon_plus_one.tz_convert("Asia/Tokyo"), None],
            "naive": [pd.Timestamp("2024-01-15 12:00")] * 3,
        }
    )
    with throwaway_db.begin() as conn:
        db.execute_raw(
            conn, "CREATE TABLE t (id INT, at DATETIME, stamp TIMESTAMP NULL, naive DATETIME)"
        ).close()
        db.insert_frame(conn, "t", frame)
        back = db.query_frame(conn, "SELECT at, stamp, naive FROM t ORDER BY id")
    eleven, noon = dt.datetime(2024, 1, 15, 11, 0), dt.datetime(2024, 1, 15, 12, 0)
    assert back["at"].tolist() == [eleven, eleven, None]
    assert back["stamp"].tolist() == [eleven, eleven, None]
    assert back["naive"].tolist() == [noon, noon, noon]


def test_get_engine_uses_the_database_named_in_mysql_url(mysql_available, monkeypatch):
    name = f"test_url_{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("MYSQL_URL", db.server_url(name).render_as_string(hide_password=False))
    try:
        engine = db.get_engine()
        with engine.connect() as conn:
            assert db.query_frame(conn, "SELECT DATABASE() AS d").loc[0, "d"] == name
        engine.dispose()
    finally:
        db.drop_database(name)
