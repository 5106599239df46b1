"""Where learner SQL runs: a throwaway database and a MySQL user allowed into it alone.

What it guarantees, whatever the script does:
* Everything the learner wrote runs as that user: the script, and the query that reads a
  result afterwards (so a function the learner wrote, even `SQL SECURITY INVOKER`, has only
  the learner's rights). The reference runs as the admin in a second database the learner's
  user cannot see.
* Each run is a fresh session on freshly filled tables: no temporary table, user variable,
  open transaction or lock of an earlier run is left, and the user has no right to change a
  table's definition (no ALTER, INDEX, DROP or TRIGGER).
* Limits from outside the session: a watchdog on another connection kills the learner's
  session when a statement or the whole script runs over its time (`SET max_statement_time
  = 0` changes nothing), and at most `max_rows` rows, `max_bytes` of text and `max_cell`
  characters a cell are read back.
* Nothing left behind: every session of the user is killed before its database is dropped,
  and a sandbox whose judge was killed is swept by the next one (a sandbox holds a named lock
  while it lives; a free lock means its owner is gone).
"""

from __future__ import annotations

import re
import secrets
import sys
import threading
import time
from dataclasses import dataclass

import pandas as pd
import pymysql
import pymysql.cursors
import sqlalchemy as sa

from chapters.sqlkit import db

# What a learner's script may do in its own database: read, change rows, make tables, views
# and functions. Not DROP (it would include DROP DATABASE of the sandbox itself), nor ALTER,
# INDEX or TRIGGER: the input tables keep the definition the judge gave them.
PRIVILEGES = (
    "SELECT, INSERT, UPDATE, DELETE, CREATE, CREATE TEMPORARY TABLES, CREATE VIEW, "
    "SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, EXECUTE"
)
# An account per host form: an anonymous ''@'localhost' would otherwise win over 'user'@'%'.
HOSTS = ("%", "localhost", "127.0.0.1")
PREFIX = "practice_"
# practice_<seconds since 1970, hex>_<random>, and the reference's <that>_ref; the 12-hex
# names are those of earlier versions of the judge, swept all the same.
_NAME = re.compile(r"^(practice_(?:([0-9a-f]{8})_[0-9a-f]{8}|[0-9a-f]{12}))(?:_ref)?$")
STALE_S = 120  # a sandbox whose lock is free and is older than this is swept
GRACE_S = 0.5  # the server's own statement limit stops a statement first; the watchdog next
ADMIN_LOCK_WAIT_S = 10  # the judge's own statements wait this long for a lock, at most
_SERVER_ERRORS = (1044, 1045, 1142, 1143, 1227, 1370, 1410)  # "you may not do that"
_swept = False
NAMES = f"SET NAMES {db.CHARSET} COLLATE {db.COLLATION}"  # a session's first SET, with its others


class LearnerSqlError(Exception):
    """The server refused or stopped the learner's SQL; the message is one line for them."""

    def __init__(self, message: str, timed_out: bool = False, rows: int | None = None):
        super().__init__(message)
        self.timed_out, self.rows = timed_out, rows  # rows: read before the row cap stopped it


class SandboxError(Exception):
    """The judge could not prepare an input (the server refused the judge's own statement)."""


@dataclass(frozen=True)
class Limits:
    statement_s: float = 5.0  # one statement
    script_s: float = 15.0  # the whole script, and the result query after it
    max_rows: int = 10_000  # rows read back from one query
    max_bytes: int = 8 * 2**20  # characters of all the cells read back from one query
    max_cell: int = 10_000  # characters in one cell


def _connect(user: str, password: str | None, database: str | None, init: str, timeout: float):
    """A plain PyMySQL session to the configured server (no TLS to this machine's own, as in db);
    `init` is the rest of the SET statement that starts it: `SESSION x = 1, y = 2`."""
    url = db.server_url()
    return pymysql.connect(
        host=url.host or "localhost", port=url.port or 3306, user=user, password=password or "",
        database=database, charset=db.CHARSET, init_command=f"{NAMES}, {init}",
        connect_timeout=5, read_timeout=timeout, write_timeout=timeout, autocommit=True,
        ssl_disabled=db.is_local(url.host), cursorclass=pymysql.cursors.SSCursor,
    )


class Sandbox:
    """`with Sandbox() as box:` box.run_learner(...) as the learner, box.admin for the reference."""

    def __init__(self, limits: Limits | None = None, timeout: float = 10.0):
        self.limits = limits or Limits()
        self.name = db.check_identifier(f"{PREFIX}{int(time.time()):08x}_{secrets.token_hex(4)}")
        self.reference_db = db.check_identifier(f"{self.name}_ref")
        self.user, self.password = self.name, secrets.token_hex(16)
        self.timeout = timeout
        self.admin = self._setup = self._guard = None
        self._guard_lock = threading.Lock()
        self._killed: str | None = None  # why the watchdog killed the learner's session

    # --- life ---------------------------------------------------------------------------
    def __enter__(self) -> Sandbox:
        db.wait_for_server(timeout=self.timeout)
        url = db.server_url()
        self._guard = _connect(url.username or "root", url.password, None,
                               f"SESSION lock_wait_timeout = {ADMIN_LOCK_WAIT_S}", 30)
        try:
            self._take_lock()
            sweep(self)
            for name in (self.name, self.reference_db):
                self._guard_execute(f"CREATE DATABASE {db.quote(name)} CHARACTER SET {db.CHARSET} "
                                    f"COLLATE {db.COLLATION}")
            self.mariadb = "mariadb" in self._guard_query("SELECT VERSION()")[0][0].lower()
            for host in HOSTS:
                account = f"'{self.user}'@'{host}'"
                self._guard_execute(f"CREATE USER {account} IDENTIFIED BY '{self.password}'")
                self._guard_execute(f"GRANT {PRIVILEGES} ON {db.quote(self.name)}.* TO {account}")
            self._setup = self._engine(self.name)
            self.admin = self._engine(self.reference_db)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        for engine in (self._setup, self.admin):
            if engine is not None:
                engine.dispose()
        try:
            drop(self._guard, self.name, self.user)
        finally:
            self._guard.close()

    def _take_lock(self) -> None:
        """Hold the sandbox's named lock while it lives: the sweep leaves a held one alone."""
        if self._guard_query("SELECT GET_LOCK(%s, 0)", self.name)[0][0] != 1:
            raise SandboxError(f"the lock {self.name} is taken")

    def _engine(self, database: str):
        # Each input costs a few round trips: no ping before each use, and no rollback after
        # it (every use is a `with engine.begin()`, which commits or rolls back itself).
        engine = db._make_engine(db.server_url(database), connect_timeout=5, io_timeout=60,
                                 pool_pre_ping=False, pool_reset_on_return=None)

        @sa.event.listens_for(engine, "connect")
        def short_waits(dbapi_connection, _record):
            with dbapi_connection.cursor() as cursor:
                cursor.execute(f"SET SESSION lock_wait_timeout = {ADMIN_LOCK_WAIT_S}, "
                               f"innodb_lock_wait_timeout = {ADMIN_LOCK_WAIT_S}")

        return engine

    def _guard_execute(self, statement: str, *args) -> None:
        with self._guard_lock, self._guard.cursor(pymysql.cursors.Cursor) as cursor:
            cursor.execute(statement, args or None)

    def _guard_query(self, statement: str, *args) -> list[tuple]:
        with self._guard_lock, self._guard.cursor(pymysql.cursors.Cursor) as cursor:
            cursor.execute(statement, args or None)
            return list(cursor.fetchall())

    # --- the tables -------------------------------------------------------------------------
    def fill(self, conn, exercise, frames: dict, insert=db.insert_frame) -> None:
        """Put `frames` into the exercise's input tables, and drop whatever else is there.

        The tables are created once and then emptied and refilled: CREATE TABLE costs tens of
        milliseconds on InnoDB, DELETE and INSERT of a few rows about one. `insert(conn, table,
        frame)` puts the rows in (the speed report passes a chunked bulk INSERT).
        """
        existing = reset(conn, keep=exercise.inputs)
        for table in exercise.inputs:
            if table in existing:
                db.execute_raw(conn, f"DELETE FROM {db.quote(table)}").close()
            else:
                db.execute_script(conn, exercise.ddl(table))
            insert(conn, table, frames[table])

    def fill_learner(self, exercise, frames: dict, insert=db.insert_frame) -> None:
        """The learner's database, filled for one run (no session of the learner is open)."""
        try:
            with self._setup.begin() as conn:
                self.fill(conn, exercise, frames, insert)
        except sa.exc.DBAPIError as error:
            raise SandboxError(db._first_line(error)) from None

    # --- the learner's sessions ------------------------------------------------------------
    def _learner_session(self):
        """A fresh session as the learner: our session rules and the server's own time limit."""
        limit = (f"max_statement_time = {self.limits.statement_s:g}" if self.mariadb  # seconds
                 else f"max_execution_time = {self.limits.statement_s * 1000:.0f}")  # SELECT only
        init = f"SESSION sql_mode = '{db.SQL_MODE}', time_zone = '+00:00', {limit}"
        # The socket's own time-out is the last backstop; the watchdog acts well before it.
        backstop = self.limits.script_s + 10
        try:
            return _connect(self.user, self.password, self.name, init, backstop)
        except pymysql.err.MySQLError as error:
            raise SandboxError(describe(error, self.limits)) from None

    def _kill(self, thread: int) -> None:
        try:
            self._guard_execute(f"KILL CONNECTION {int(thread)}")
        except pymysql.err.MySQLError:  # it ended by itself in the meantime
            pass

    def run_learner(self, script: str | list[str], result_sql: str | None = None,
                    params=None) -> pd.DataFrame | None:
        """Run the learner's script; the rows of its last statement (None if it returns none).

        With `result_sql`, that query is the answer instead, run afterwards in a new session of
        the learner's (it sees what the script committed, not its temporary tables). `script`
        may also be its statements, already split.
        """
        statements = db.split_statements(script) if isinstance(script, str) else list(script)
        if not statements:
            raise LearnerSqlError("there is no SQL statement in the file yet")
        deadline = time.monotonic() + self.limits.script_s
        frame = self._session(statements, deadline)
        if result_sql is not None:
            query = re.sub(r":(\w+)", r"%(\1)s", result_sql)
            frame = self._session([(query, params or {})], deadline)
        return frame

    def _session(self, statements: list, deadline: float) -> pd.DataFrame | None:
        """Run statements in one fresh session of the learner's, then end that session.

        After the last statement the session quits, and the server rolls back what it left
        open and frees its locks before the judge's next statement gets them. A session that
        stopped early (an error, a cap, the watchdog) may still be running a statement on the
        server: it is killed.
        """
        conn = self._learner_session()
        thread, finished = conn.thread_id(), False
        try:
            frame = None
            for statement in statements:
                frame = self._execute(conn, statement, deadline)
            finished = True
            return frame
        finally:
            try:
                conn.close()
            except Exception:  # a connection the watchdog cut may fail to say goodbye
                pass
            if not finished:
                self._kill(thread)

    def _execute(self, conn, statement, deadline: float) -> pd.DataFrame | None:
        text, args = statement if isinstance(statement, tuple) else (statement, None)
        left = deadline - time.monotonic()
        if left <= 0:
            raise self._over_time("script")
        why = "statement" if self.limits.statement_s + GRACE_S < left else "script"
        watchdog = threading.Timer(min(self.limits.statement_s + GRACE_S, left), self._time_up,
                                   (conn.thread_id(), why))
        self._killed = None
        watchdog.start()
        cursor = conn.cursor()
        try:
            cursor.execute(text, args)
            if cursor.description is None:
                return None
            return self._fetch(cursor, [column[0] for column in cursor.description])
        except LearnerSqlError:
            if getattr(cursor, "_result", None) is not None:  # over a cap: never read the rest
                cursor._result.unbuffered_active = False
            raise
        except pymysql.err.MySQLError as error:
            if self._killed:
                raise self._over_time(self._killed) from None
            message = describe(error, self.limits)
            raise LearnerSqlError(message, timed_out=_is_time_out(error)) from None
        finally:
            watchdog.cancel()

    def _time_up(self, thread: int, why: str) -> None:
        self._killed = why
        self._kill(thread)

    def _over_time(self, why: str) -> LearnerSqlError:
        if why == "statement":
            return LearnerSqlError(f"the statement ran over the time limit of "
                                   f"{self.limits.statement_s:g} s and was stopped", timed_out=True)
        return LearnerSqlError(f"the script ran over its time limit of {self.limits.script_s:g} s "
                               "in all and was stopped", timed_out=True)

    def _fetch(self, cursor, columns: list[str]) -> pd.DataFrame:
        """The rows, read up to the caps; over one, stop reading (the session is then cut)."""
        limits, rows, size = self.limits, [], 0
        while batch := cursor.fetchmany(500):
            for row in batch:
                for value in row:
                    width = len(value) if isinstance(value, str | bytes) else 8
                    if width > limits.max_cell:
                        raise LearnerSqlError(f"a cell of the result holds {width:,} characters; "
                                              f"the judge reads at most {limits.max_cell:,} a cell")
                    size += width
            rows += batch
            if len(rows) > limits.max_rows:
                raise LearnerSqlError(f"your query returned more than {limits.max_rows:,} rows, "
                                      "where the judge stopped reading", rows=len(rows))
            if size > limits.max_bytes:
                raise LearnerSqlError(f"the query returned more than {limits.max_bytes // 2**20} MB "
                                      "of text; the judge stopped reading")
        return pd.DataFrame([tuple(row) for row in rows], columns=columns, dtype=object)


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def reset(conn, keep: tuple[str, ...] = ()) -> set[str]:
    """Drop every table, view and routine in the connection's database but the tables in
    `keep`; return the tables kept."""
    objects = conn.exec_driver_sql(
        "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
        "UNION ALL SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES "
        "WHERE ROUTINE_SCHEMA = DATABASE()").fetchall()
    kept = set()
    for name, kind in objects:
        if kind in ("FUNCTION", "PROCEDURE"):
            db.execute_raw(conn, f"DROP {kind} IF EXISTS {_quoted(name)}")
        elif kind != "VIEW" and name in keep:
            kept.add(name)
        else:
            db.execute_raw(conn, f"DROP {'VIEW' if kind == 'VIEW' else 'TABLE'} IF EXISTS {_quoted(name)}")
    return kept


def drop(guard, name: str, user: str) -> None:
    """Kill the user's sessions, then drop its accounts and the sandbox's two databases.

    What cannot be dropped now (someone else holds a lock on it) is said on stderr and left to
    the next judge's sweep: a verdict is never lost to the clean-up.
    """
    with guard.cursor(pymysql.cursors.Cursor) as cursor:
        cursor.execute("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = %s", (user,))
        statements = [f"KILL CONNECTION {int(thread)}" for (thread,) in cursor.fetchall()]
        statements += [f"DROP USER IF EXISTS '{db.check_identifier(user)}'@'{host}'" for host in HOSTS]
        statements += [f"DROP DATABASE IF EXISTS {db.quote(d)}" for d in (name, f"{name}_ref")]
        for statement in statements:
            try:
                cursor.execute(statement)
            except pymysql.err.MySQLError as error:
                if not statement.startswith("KILL"):  # a session may end by itself meanwhile
                    print(f"practice: could not clean up ({statement}: {error.args[-1]}); the next "
                          "check removes it", file=sys.stderr)
        cursor.execute("SELECT RELEASE_LOCK(%s)", (name,))


def sweep(box: Sandbox) -> list[str]:
    """Drop the sandboxes of judges that died (once a process): their lock is free, and they
    are older than STALE_S. Returns the names swept."""
    global _swept
    if _swept:
        return []
    _swept = True
    names = {row[0] for row in box._guard_query(
        "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'practice\\_%'")}
    try:
        names |= {row[0] for row in box._guard_query(
            "SELECT DISTINCT User FROM mysql.user WHERE User LIKE 'practice\\_%'")}
    except pymysql.err.MySQLError:  # an admin who may not read mysql.user: databases only
        pass
    swept = []
    for base, stamp in sorted({m.groups() for n in names if (m := _NAME.match(n))}):
        old = stamp is None or time.time() - int(stamp, 16) > STALE_S
        if base != box.name and old and box._guard_query("SELECT IS_FREE_LOCK(%s)", base)[0][0] == 1:
            with box._guard_lock:
                drop(box._guard, base, base)
            swept.append(base)
    return swept


def _is_time_out(error: pymysql.err.MySQLError) -> bool:
    code = error.args[0] if error.args else None
    return code in (1969, 3024) or (code == 2013 and "timed out" in str(error))


def describe(error: pymysql.err.MySQLError, limits: Limits) -> str:
    """One line for a server error: its code and message, and what a limit or a refusal means."""
    code, message = (error.args + ("",))[:2] if error.args else (None, str(error))
    if code in (1969, 3024) or "max_statement_time" in str(message):
        return f"the statement ran over the time limit of {limits.statement_s:g} s and was stopped"
    if code == 2013:
        return f"the server did not answer within {limits.script_s + 10:g} s"
    first = str(message).splitlines()[0] if message else type(error).__name__
    if code in _SERVER_ERRORS:
        # MariaDB answers a GRANT with 1045 "Access denied ... (using password: YES)", which
        # reads like a failed login: the statement was refused, the login was fine.
        said = "" if code == 1045 else f" ({first})"
        return (f"error {code}: not allowed: the practice user may read and change rows in its own "
                f"database only{said}")
    return f"error {code}: {first}" if code else first
