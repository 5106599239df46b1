"""Run a query through a raw DB-API driver and read the server's own clock (SHOW PROFILES).

Two drivers can speak to the server: PyMySQL (pure Python, always installed) and mysqlclient
(`MySQLdb`, a C extension; it needs the MariaDB/MySQL client headers to build, so it is
optional). The server's clock counts the time it waits for the client to read a result that
does not fit in the socket's buffers: read through PyMySQL, a 2-million-row result seems to
take the server several times longer than read through mysqlclient. So the server's time is
read through the fastest driver installed, and `server_clock_driver()` names it.
"""

from __future__ import annotations

import importlib.util
import re
import time
from dataclasses import dataclass

from chapters.sqlkit import db

DRIVERS = ("mysqlclient", "pymysql")  # fastest first
_MODULES = {"mysqlclient": "MySQLdb", "pymysql": "pymysql"}
_NAMED_PARAMETER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def available(driver: str) -> bool:
    """Is this driver importable here?"""
    if driver not in _MODULES:
        raise ValueError(f"unknown driver {driver!r}: choose one of {DRIVERS}")
    return importlib.util.find_spec(_MODULES[driver]) is not None


def server_clock_driver() -> str:
    """The driver that reads results fastest among those installed."""
    return next(driver for driver in DRIVERS if available(driver))


def session_statements() -> list[str]:
    """What every session runs first: the same rules as chapters.sqlkit.db's engines."""
    return [
        f"SET NAMES {db.CHARSET} COLLATE {db.COLLATION}",
        f"SET SESSION sql_mode = '{db.SQL_MODE}'",
        "SET SESSION time_zone = '+00:00'",
    ]


def connect(driver: str, database: str):
    """A raw DB-API connection to `database`, with the same session rules as our engines."""
    url = db.server_url(database)
    options = {
        "host": url.host or "127.0.0.1",
        "port": url.port or 3306,
        "user": url.username or "root",
        "password": url.password or "",
        "database": database,
        "charset": db.CHARSET,
        "connect_timeout": 10,
        "autocommit": True,  # a script's DELETE must stay done when the connection closes
    }
    if not available(driver):
        raise RuntimeError(f"driver {driver} is not installed")
    if driver == "mysqlclient":
        import MySQLdb

        connection = MySQLdb.connect(**options)
    else:
        import pymysql

        connection = pymysql.connect(**options)
    cursor = connection.cursor()
    try:
        for statement in session_statements():
            cursor.execute(statement)
    finally:
        cursor.close()
    return connection


def pyformat(query: str, params: dict | None) -> tuple[str, dict | None]:
    """`:name` placeholders (SQLAlchemy's) as `%(name)s` (the raw drivers'); no params: as is."""
    if not params:
        return query, None
    return _NAMED_PARAMETER.sub(r"%(\1)s", query.replace("%", "%%")), params


@dataclass(frozen=True)
class Timed:
    """One run of a script: the server's own times and the client's wall time for the query."""

    server_script_s: float  # SHOW PROFILES, summed over every statement of the script
    server_query_s: float  # SHOW PROFILES, the final query alone
    wall_query_s: float  # the client's clock: the final query sent, read and converted
    rows: int


def run_profiled(connection, setup: list[str], query: str, params: dict | None = None) -> Timed:
    """Run `setup` then `query` (reading all its rows) with profiling on; return the times."""
    cursor = connection.cursor()
    try:
        cursor.execute("SET SESSION profiling_history_size = 100")
        cursor.execute("SET SESSION profiling = 1")
        cursor.execute("SHOW PROFILES")
        seen = max((row[0] for row in cursor.fetchall()), default=0)
        for statement in setup:
            cursor.execute(statement)
        text, values = pyformat(query, params)
        start = time.perf_counter()
        cursor.execute(text, values)
        rows = len(cursor.fetchall())
        wall = time.perf_counter() - start
        cursor.execute("SHOW PROFILES")
        profiles = [row for row in cursor.fetchall() if row[0] > seen]
        cursor.execute("SET SESSION profiling = 0")
    finally:
        cursor.close()
    if not profiles:
        nan = float("nan")
        return Timed(nan, nan, wall, rows)
    durations = [float(row[1]) for row in profiles]
    return Timed(sum(durations), durations[-1], wall, rows)
