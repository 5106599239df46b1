"""MySQL access for the SQL chapters: one engine factory, throwaway databases, tables from DDL + CSV.

Everything goes through SQLAlchemy + PyMySQL. Values always travel as bound parameters;
identifiers (database and table names) are checked against a whitelist pattern first.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url

from common.csvdata import read_csv_rows

DEFAULT_URL = "mysql+pymysql://root@127.0.0.1:3306/tutorial"
CHARSET = "utf8mb4"
COLLATION = "utf8mb4_unicode_ci"  # exists on MySQL 8 and MariaDB 10.11
# MySQL 8's default mode; MariaDB leaves ONLY_FULL_GROUP_BY out, so we always set it.
SQL_MODE = (
    "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"
)

_IDENTIFIER = re.compile(r"^[A-Za-z0-9_]+$")


class ServerUnavailable(RuntimeError):
    """No MySQL server answered in time; the message is one line that names the fix."""


def check_identifier(name: str) -> str:
    """Return `name` if it is a safe SQL identifier (letters, digits, underscore), else raise."""
    if not isinstance(name, str) or not _IDENTIFIER.fullmatch(name) or len(name) > 64:
        raise ValueError(
            f"invalid SQL identifier {name!r}: use 1-64 letters, digits or underscores"
        )
    return name


def quote(name: str) -> str:
    """Backtick-quote a checked identifier (so reserved words such as `rank` work too)."""
    return f"`{check_identifier(name)}`"


def server_url(database: str | None = None) -> sa.URL:
    """The URL from MYSQL_URL (or the default), pointed at `database` (None: no database)."""
    url = make_url(os.environ.get("MYSQL_URL") or DEFAULT_URL)
    if database is not None:
        check_identifier(database)
    return url._replace(database=database)  # URL is a named tuple; .set() cannot clear a field


def _where(url: sa.URL) -> str:
    return f"{url.host or 'localhost'}:{url.port or 3306}"


def no_server_message(url: sa.URL, reason: str = "") -> str:
    """The one line a learner sees when no server answers."""
    why = f" ({reason})" if reason else ""
    return (
        f"No MySQL server answers at {_where(url)}{why}: run `make db` "
        "(Docker, or a local mysqld/mariadbd), or set MYSQL_URL to a server you have."
    )


def _on_connect(dbapi_connection, _record) -> None:
    # Every session gets the same rules, whatever the server's defaults are.
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET NAMES {CHARSET} COLLATE {COLLATION}")
        cursor.execute(f"SET SESSION sql_mode = '{SQL_MODE}'")
        cursor.execute("SET SESSION time_zone = '+00:00'")


def _make_engine(url: sa.URL, connect_timeout: int) -> Engine:
    engine = sa.create_engine(
        url,
        connect_args={"charset": CHARSET, "connect_timeout": connect_timeout},
        pool_pre_ping=True,
    )
    sa.event.listen(engine, "connect", _on_connect)
    return engine


def wait_for_server(url: sa.URL | None = None, timeout: float = 10.0) -> None:
    """Try to connect with growing pauses until `timeout` seconds have passed, else raise."""
    url = url if url is not None else server_url()
    engine = _make_engine(url._replace(database=None), connect_timeout=max(1, int(min(timeout, 5))))
    deadline = time.monotonic() + timeout
    pause, last_error = 0.2, ""
    try:
        while True:
            try:
                with engine.connect() as conn:
                    conn.exec_driver_sql("SELECT 1")
                return
            except sa.exc.OperationalError as error:
                code = error.orig.args[0] if error.orig is not None and error.orig.args else None
                last_error = str(error.orig or error).splitlines()[0]
                if code in (1044, 1045, 1698):  # the server answered and refused the login
                    raise ServerUnavailable(
                        f"The MySQL server at {_where(url)} refused the login ({last_error}): "
                        "fix the user/password in MYSQL_URL, or run `make db` for a throwaway server."
                    ) from None
            if time.monotonic() + pause > deadline:
                raise ServerUnavailable(no_server_message(url, last_error))
            time.sleep(pause)
            pause = min(pause * 2, 2.0)
    finally:
        engine.dispose()


def create_database(name: str, *, timeout: float = 10.0) -> None:
    """CREATE DATABASE IF NOT EXISTS, with our character set and collation."""
    url = server_url()
    wait_for_server(url, timeout)
    engine = _make_engine(url._replace(database=None), connect_timeout=5)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                f"CREATE DATABASE IF NOT EXISTS {quote(name)} "
                f"CHARACTER SET {CHARSET} COLLATE {COLLATION}"
            )
    finally:
        engine.dispose()


def drop_database(name: str) -> None:
    """DROP DATABASE IF EXISTS."""
    # Connect to no database in particular: the one in MYSQL_URL may not exist (yet).
    engine = _make_engine(server_url()._replace(database=None), connect_timeout=5)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote(name)}")
    finally:
        engine.dispose()


def get_engine(database: str | None = None, *, timeout: float = 10.0) -> Engine:
    """An engine on `database` (default: the one in MYSQL_URL, else `tutorial`), created if missing.

    Waits up to `timeout` seconds for the server; raises ServerUnavailable with a one-line fix.
    """
    name = database or server_url().database or "tutorial"
    create_database(name, timeout=timeout)
    return _make_engine(server_url(name), connect_timeout=5)


@contextlib.contextmanager
def throwaway_database(prefix: str = "tmp", *, timeout: float = 10.0) -> Iterator[Engine]:
    """A fresh database with a unique name, dropped afterwards (the server may be shared)."""
    name = f"{check_identifier(prefix)}_{uuid.uuid4().hex[:12]}"
    engine = get_engine(name, timeout=timeout)
    try:
        yield engine
    finally:
        engine.dispose()
        drop_database(name)


def split_statements(script: str) -> list[str]:
    """Split an SQL script into statements the way the `mysql` client does.

    A statement ends with the current delimiter (`;`) at the end of a line. A `DELIMITER $$`
    line changes the delimiter, so a stored function whose body holds `;` stays one statement.
    Lines that are only a `--` comment are dropped.
    """
    statements, current, delimiter = [], [], ";"
    for line in script.splitlines():
        stripped = line.strip()
        if stripped.upper().startswith("DELIMITER "):
            delimiter = stripped.split(None, 1)[1]
            continue
        if stripped.startswith("--") and not current:
            continue
        if stripped.endswith(delimiter):
            current.append(line.rstrip()[: -len(delimiter)])
            statements.append("\n".join(current).strip())
            current = []
        else:
            current.append(line)
    tail = "\n".join(current).strip()
    if tail:
        statements.append(tail)
    return [statement for statement in statements if statement]


def execute_raw(conn: Connection, statement: str) -> sa.CursorResult:
    """Send one statement to the server exactly as written and return its result.

    PyMySQL formats `%` placeholders even when there are no parameters, so a literal `%`
    (as in `LIKE 'a%'`) is doubled here and reaches the server as the single `%` you wrote.
    """
    return conn.exec_driver_sql(statement.replace("%", "%%"))


def execute_script(conn: Connection, script: str) -> None:
    """Run each statement of a script, as written."""
    for statement in split_statements(script):
        execute_raw(conn, statement).close()


def insert_rows(
    conn: Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence]
) -> None:
    """INSERT rows with bound parameters (one executemany)."""
    if not rows:
        return
    names = ", ".join(quote(c) for c in columns)
    marks = ", ".join(f":p{i}" for i in range(len(columns)))
    statement = sa.text(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})")
    conn.execute(statement, [{f"p{i}": v for i, v in enumerate(row)} for row in rows])


def insert_frame(conn: Connection, table: str, frame: pd.DataFrame) -> None:
    """INSERT a DataFrame's rows, NaN/NaT/NA sent as NULL."""
    objects = frame.astype(object).where(frame.notna(), None)
    rows = [[_plain(v) for v in row] for row in objects.itertuples(index=False, name=None)]
    insert_rows(conn, table, list(frame.columns), rows)


def _plain(value):
    """numpy/pandas scalars to plain Python values the driver understands."""
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


def load_table(conn: Connection, table: str, ddl: str, csv_path: str | Path) -> None:
    """(Re)create `table` from its DDL and fill it from a CSV: loading twice gives the same table."""
    check_identifier(table)
    execute_raw(conn, f"DROP TABLE IF EXISTS {quote(table)}").close()
    execute_script(conn, ddl)
    header, rows = read_csv_rows(csv_path)
    for column in header:
        check_identifier(column)
    insert_rows(conn, table, header, rows)


def query_frame(conn: Connection, sql: str, params: dict | None = None) -> pd.DataFrame:
    """Run one query and return its rows as a DataFrame of the driver's own Python values.

    Without params the text reaches the server untouched (so `LIKE 'a%'` needs no escaping).
    """
    if params:
        result = conn.execute(sa.text(sql), params)
        columns, rows = list(result.keys()), result.fetchall()
    else:
        result = execute_raw(conn, sql)
        if not result.returns_rows:
            raise ValueError(f"not a query, it returned no rows: {sql[:60]!r}")
        columns, rows = list(result.keys()), result.fetchall()
    return pd.DataFrame([tuple(row) for row in rows], columns=columns, dtype=object)
