"""MySQL access for the SQL chapters: one engine factory, throwaway databases, tables from DDL + CSV.

Everything goes through SQLAlchemy + PyMySQL. Values always travel as bound parameters;
identifiers (database and table names) are checked against a whitelist pattern first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import socket
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url

from chapters.sqlkit.csvdata import read_csv_rows

DEFAULT_URL = "mysql+pymysql://root@127.0.0.1:3306/tutorial"
CHARSET = "utf8mb4"
COLLATION = "utf8mb4_unicode_ci"  # exists on MySQL 8 and MariaDB 10.11
# MySQL 8's default mode; MariaDB leaves ONLY_FULL_GROUP_BY out, so we always set it.
SQL_MODE = (
    "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"
)

_IDENTIFIER = re.compile(r"^[A-Za-z0-9_]+$")
_LOGIN_REFUSED = (1044, 1045, 1698)  # the server answered and said no to this user
_NO_GREETING = 2013  # PyMySQL's "Lost connection": the peer closed or stayed silent
# Working sessions may run long benchmark queries; only a dead peer should hit this.
READ_TIMEOUT_ENV, DEFAULT_READ_TIMEOUT = "MYSQL_READ_TIMEOUT", 600.0


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


def _configured_url() -> sa.URL:
    """The URL in MYSQL_URL (or the default), as written."""
    return make_url(os.environ.get("MYSQL_URL") or DEFAULT_URL)


def server_url(database: str | None = None) -> sa.URL:
    """The URL from MYSQL_URL (or the default), pointed at `database` (None: no database)."""
    if database is not None:
        check_identifier(database)
    return _configured_url()._replace(database=database)  # .set() cannot clear a field


def is_local(host: str | None) -> bool:
    """Whether `host` is this machine (the loopback, or the default: localhost)."""
    return host in (None, "localhost", "127.0.0.1", "::1")


def _where(url: sa.URL) -> str:
    return f"{url.host or 'localhost'}:{url.port or 3306}"


def no_server_message(url: sa.URL, reason: str = "") -> str:
    """The one line a learner sees when no server answers."""
    why = f" ({reason})" if reason else ""
    return (
        f"No MySQL server answers at {_where(url)}{why}: run `make db` "
        "(Docker, or a local mysqld/mariadbd), or set MYSQL_URL to a server you have."
    )


def _not_mysql_message(url: sa.URL, error: BaseException) -> str:
    """The one line for a connection that failed in a way no waiting will fix."""
    sent = _first_bytes(url)
    if sent[3:5] == b"\x00\x0a":  # sequence id 0, protocol version 10: a MySQL greeting
        return (
            f"The MySQL server at {_where(url)} answered, but setting up the session failed "
            f"({_first_line(error)}): check MYSQL_URL, or run `make db` for a throwaway server."
        )
    found = f"it sent {sent[:40]!r}" if sent else f"the driver said: {_first_line(error)}"
    return no_server_message(url, f"something else listens there, not a MySQL server: {found}")


def _first_bytes(url: sa.URL) -> bytes:
    """Whatever the peer sends first (b"" if nothing within a second), to name it."""
    try:
        with socket.create_connection((url.host or "localhost", url.port or 3306), 1) as peer:
            peer.settimeout(1)
            return peer.recv(64)
    except OSError:
        return b""


def _first_line(error: BaseException) -> str:
    """The driver's own message, first line, without SQLAlchemy's wrapping or the code."""
    orig = getattr(error, "orig", None) or error
    args = getattr(orig, "args", ())
    text = args[1] if len(args) == 2 and isinstance(args[0], int) else orig  # (code, message)
    return str(text).splitlines()[0] if str(text) else type(orig).__name__


def _error_code(error: sa.exc.DBAPIError) -> int | None:
    """The server's (or PyMySQL's) numeric error code, if any."""
    args = error.orig.args if error.orig is not None else ()
    return args[0] if args and isinstance(args[0], int) else None


def _on_connect(dbapi_connection, _record) -> None:
    # Every session gets the same rules, whatever the server's defaults are.
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET NAMES {CHARSET} COLLATE {COLLATION}")
        cursor.execute(f"SET SESSION sql_mode = '{SQL_MODE}'")
        cursor.execute("SET SESSION time_zone = '+00:00'")


def _read_timeout() -> float:
    """Seconds a working session waits on a socket read or write (MYSQL_READ_TIMEOUT)."""
    text = os.environ.get(READ_TIMEOUT_ENV) or str(DEFAULT_READ_TIMEOUT)
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if seconds <= 0:
        raise ValueError(f"{READ_TIMEOUT_ENV}={text!r}: give a number of seconds above 0")
    return seconds


def _make_engine(url: sa.URL, connect_timeout: float, io_timeout: float | None = None, **options) -> Engine:
    """An engine whose sessions follow our rules; a socket read or write waits `io_timeout` at most.

    `options` go to sqlalchemy.create_engine (a pool without its per-checkout ping, say).
    """
    io_timeout = io_timeout if io_timeout is not None else _read_timeout()
    engine = sa.create_engine(
        url,
        connect_args={
            "charset": CHARSET,
            "connect_timeout": connect_timeout,
            "read_timeout": io_timeout,
            "write_timeout": io_timeout,
            # No TLS to this machine's own server: PyMySQL would build a TLS context for every
            # connection (about 40 ms of loading certificates) to offer it.
            "ssl_disabled": is_local(url.host),
        },
        **{"pool_pre_ping": True, **options},
    )
    sa.event.listen(engine, "connect", _on_connect)
    return engine


def wait_for_server(url: sa.URL | None = None, timeout: float = 10.0) -> None:
    """Try to connect with growing pauses until `timeout` seconds have passed, else raise.

    Says once on stderr that it waits, when the first try fails. Gives up at once on a port
    where something other than a MySQL server answers.
    """
    url = url if url is not None else server_url()
    # A live server greets within milliseconds; a silent port must not eat the whole wait.
    probe_timeout = max(1, int(min(timeout, 3)))
    engine = _make_engine(url._replace(database=None), probe_timeout, io_timeout=probe_timeout)
    deadline = time.monotonic() + timeout
    pause, last_error, announced = 0.2, "", False
    silent = False  # the last try waited out the whole probe timeout
    try:
        while True:
            try:
                with engine.connect() as conn:
                    conn.exec_driver_sql("SELECT 1")
                return
            except sa.exc.OperationalError as error:
                code, last_error = _error_code(error), _first_line(error)
                if code in _LOGIN_REFUSED:
                    raise ServerUnavailable(
                        f"The MySQL server at {_where(url)} refused the login ({last_error}): "
                        "fix the user/password in MYSQL_URL, or run `make db` for a throwaway server."
                    ) from None
                silent = code == _NO_GREETING and "timed out" in last_error
                if code == _NO_GREETING:
                    last_error = (
                        f"it accepted the connection but sent no MySQL greeting within {probe_timeout} s"
                        if silent
                        else "it accepted the connection, then closed it: no MySQL greeting"
                    )
            except Exception as error:  # garbage from the peer: any driver error, not only DBAPI's
                raise ServerUnavailable(_not_mysql_message(url, error)) from None
            if time.monotonic() + pause + (probe_timeout if silent else 0) > deadline:
                raise ServerUnavailable(no_server_message(url, last_error))
            if not announced:
                print(f"waiting for MySQL at {_where(url)} ...", file=sys.stderr, flush=True)
                announced = True
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
    name = database or _configured_url().database or "tutorial"
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


# Never split inside these: a quoted string or name (backslash escapes, doubled quotes), a
# comment. `--` starts a comment only when whitespace follows, as in MySQL (`1--1` is 2).
_OPAQUE = re.compile(
    r"""'(?:\\.|''|[^'\\])*'|"(?:\\.|""|[^"\\])*"|`(?:``|[^`])*`"""
    r"""|/\*.*?\*/|(?:\#|--(?=\s|$))[^\n]*""",
    re.DOTALL,
)
_DELIMITER_LINE = re.compile(r"[ \t]*delimiter[ \t]+(\S+)[^\n]*(?:\n|$)", re.IGNORECASE)
# Comments before a statement; not /*! ... */ or /*M! ... */, which the server runs as code.
_LEADING_COMMENTS = re.compile(r"(?:\s+|(?:\#|--(?=\s|$))[^\n]*|/\*(?!!|M!).*?\*/)*", re.DOTALL)


def split_statements(script: str) -> list[str]:
    """Split an SQL script into statements the way the `mysql` client does.

    A statement ends at the current delimiter (`;`) outside quotes and comments, so two may
    share a line. A `DELIMITER $$` line (a client command, at the start of a line) changes the
    delimiter, so a stored function whose body holds `;` stays one statement. Comments before
    a statement are dropped, and so are pieces that hold only comments (`--`, `#` or `/* */`).
    """
    statements, pieces, delimiter = [], [], ";"
    start = i = 0
    while i < len(script):
        at_line_start = i == 0 or script[i - 1] == "\n"
        if at_line_start and (line := _DELIMITER_LINE.match(script, i)):
            pieces.append(script[start:i])
            delimiter = line.group(1)
            start = i = line.end()
        elif script.startswith(delimiter, i):
            statements.append("".join(pieces) + script[start:i])
            pieces, start = [], i + len(delimiter)
            i = start
        elif opaque := _OPAQUE.match(script, i):
            i = opaque.end()
        else:
            i += 1
    statements.append("".join(pieces) + script[start:])
    kept = (text[_LEADING_COMMENTS.match(text).end() :].strip() for text in statements)
    return [statement for statement in kept if statement]


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
    rows = [[_plain(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    insert_rows(conn, table, list(frame.columns), rows)


def _plain(value):
    """numpy/pandas scalars to plain Python values the driver understands: missing ones as None
    (NaN, NaT, NA), aware times in UTC."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:  # NaN, numpy's float64 included
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.utcoffset() is not None:
        # The driver would drop the offset; our sessions use time_zone '+00:00'.
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
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
