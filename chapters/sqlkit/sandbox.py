"""A throwaway database and a MySQL user allowed into it alone: where learner SQL runs.

The learner's statements run as that user, so `DROP DATABASE tutorial` is refused; each
statement has a time limit on the server, and at most `max_rows` rows are fetched back.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

import pandas as pd
import pymysql
import pymysql.cursors
import sqlalchemy as sa

from chapters.sqlkit import db

# What a learner's script may do in its own database: read, change rows, make tables, views
# and functions. Not DROP, which would include DROP DATABASE of the sandbox itself.
PRIVILEGES = (
    "SELECT, INSERT, UPDATE, DELETE, CREATE, INDEX, CREATE TEMPORARY TABLES, CREATE VIEW, "
    "SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, EXECUTE"
)
# An account per host form: an anonymous ''@'localhost' would otherwise win over 'user'@'%'.
HOSTS = ("%", "localhost", "127.0.0.1")


class LearnerSqlError(Exception):
    """The server refused or stopped the learner's SQL; the message is one line for them."""


@dataclass
class Limits:
    statement_s: float = 5.0  # server-side time limit of one statement
    max_rows: int = 10_000  # rows fetched back from one query, at most


class Sandbox:
    """`with Sandbox() as box:` box.admin (an engine on the sandbox database) and box.run(sql)."""

    def __init__(self, limits: Limits | None = None, timeout: float = 10.0):
        self.limits = limits or Limits()
        self.name = db.check_identifier(f"practice_{uuid.uuid4().hex[:12]}")
        self.user, self.password = self.name, secrets.token_hex(16)
        self.timeout = timeout
        self.admin = None
        self._learner = None

    def __enter__(self) -> Sandbox:
        self.admin = db.get_engine(self.name, timeout=self.timeout)
        with self.admin.begin() as conn:
            self.mariadb = "mariadb" in conn.exec_driver_sql("SELECT VERSION()").scalar().lower()
            for host in HOSTS:
                account = f"'{self.user}'@'{host}'"
                db.execute_raw(conn, f"CREATE USER {account} IDENTIFIED BY '{self.password}'")
                db.execute_raw(conn, f"GRANT {PRIVILEGES} ON {db.quote(self.name)}.* TO {account}")
        return self

    def __exit__(self, *exc) -> None:
        self.close_learner()
        try:
            with self.admin.begin() as conn:
                for host in HOSTS:
                    db.execute_raw(conn, f"DROP USER IF EXISTS '{self.user}'@'{host}'")
        finally:
            self.admin.dispose()
            db.drop_database(self.name)

    def fill(self, conn, exercise, frames: dict) -> None:
        """Put `frames` into the exercise's input tables, and drop whatever else is there.

        The tables are created once and then emptied and refilled: CREATE TABLE costs tens of
        milliseconds on InnoDB, DELETE and INSERT of a few rows about one.
        """
        self.reset(conn, keep=exercise.inputs)
        existing = self._tables(conn)
        for table in exercise.inputs:
            if table in existing:
                db.execute_raw(conn, f"DELETE FROM {db.quote(table)}").close()
            else:
                db.execute_script(conn, exercise.ddl(table))
            db.insert_frame(conn, table, frames[table])

    def _tables(self, conn) -> dict[str, str]:
        return dict(conn.execute(sa.text(
            "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = :db"
        ), {"db": self.name}).fetchall())

    def reset(self, conn, keep: tuple[str, ...] = ()) -> None:
        """Drop every table, view and routine in the sandbox (but the tables in `keep`)."""
        def quoted(name: str) -> str:
            return "`" + name.replace("`", "``") + "`"

        routines = conn.execute(sa.text(
            "SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES "
            "WHERE ROUTINE_SCHEMA = :db"
        ), {"db": self.name}).fetchall()
        for name, kind in self._tables(conn).items():
            if kind != "VIEW" and name in keep:
                continue
            db.execute_raw(conn, f"DROP {'VIEW' if kind == 'VIEW' else 'TABLE'} IF EXISTS {quoted(name)}")
        for name, kind in routines:
            db.execute_raw(conn, f"DROP {kind} IF EXISTS {quoted(name)}")

    # --- the learner's connection -----------------------------------------------------------
    def learner(self) -> pymysql.connections.Connection:
        """The learner's session: their user, our session rules, a statement time limit."""
        if self._learner is None:
            url = db.server_url(self.name)
            wait = int(self.limits.statement_s) + 10  # the server stops first; this is a backstop
            conn = pymysql.connect(
                host=url.host or "localhost", port=url.port or 3306, user=self.user,
                password=self.password, database=self.name, charset=db.CHARSET,
                connect_timeout=5, read_timeout=wait, write_timeout=wait, autocommit=True,
                cursorclass=pymysql.cursors.SSCursor,  # rows stream: we stop at max_rows
            )
            with conn.cursor() as cursor:
                cursor.execute(f"SET NAMES {db.CHARSET} COLLATE {db.COLLATION}")
                cursor.execute(f"SET SESSION sql_mode = '{db.SQL_MODE}'")
                cursor.execute("SET SESSION time_zone = '+00:00'")
                if self.mariadb:
                    cursor.execute(f"SET SESSION max_statement_time = {self.limits.statement_s:g}")
                else:  # MySQL limits SELECT statements only
                    cursor.execute(f"SET SESSION max_execution_time = {self.limits.statement_s * 1000:.0f}")
            self._learner = conn
        return self._learner

    def close_learner(self) -> None:
        if self._learner is not None:
            try:
                self._learner.close()
            except Exception:  # a connection we cut short may fail to say goodbye
                pass
            self._learner = None

    def run(self, script: str) -> pd.DataFrame | None:
        """Run the learner's script; the rows of its last statement (None if it returns none)."""
        statements = db.split_statements(script)
        if not statements:
            raise LearnerSqlError("there is no SQL statement in the file yet")
        frame = None
        for statement in statements:
            frame = self._execute(statement)
        return frame

    def _execute(self, statement: str) -> pd.DataFrame | None:
        conn = self.learner()
        cursor = conn.cursor()
        try:
            cursor.execute(statement)
            if cursor.description is None:
                return None
            columns = [column[0] for column in cursor.description]
            rows = cursor.fetchmany(self.limits.max_rows + 1)
            if len(rows) > self.limits.max_rows:
                # Do not read the rest: cut the connection, and tell PyMySQL not to drain it.
                if getattr(cursor, "_result", None) is not None:
                    cursor._result.unbuffered_active = False
                self.close_learner()
                raise LearnerSqlError(
                    f"the query returned more than {self.limits.max_rows:,} rows; stopped reading"
                )
            cursor.close()
            return pd.DataFrame([tuple(row) for row in rows], columns=columns, dtype=object)
        except pymysql.err.MySQLError as error:
            self.close_learner()
            raise LearnerSqlError(describe(error, self.limits)) from None


def describe(error: pymysql.err.MySQLError, limits: Limits) -> str:
    """One line for a server error: its code and message, and what a time limit means."""
    code, message = (error.args + ("",))[:2] if error.args else (None, str(error))
    if code in (1969, 3024) or "max_statement_time" in str(message):
        return f"the statement ran over the time limit of {limits.statement_s:g} s and was stopped"
    if code == 2013:
        return f"the server did not answer within {limits.statement_s + 10:g} s"
    first = str(message).splitlines()[0] if message else type(error).__name__
    return f"error {code}: {first}" if code else first
