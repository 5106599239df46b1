"""Which server answers: MySQL and MariaDB differ on some rules this chapter teaches."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from chapters.sqlkit import db


def is_mariadb(conn: Connection) -> bool:
    """True on MariaDB (its version string says so), False on MySQL."""
    cursor = db.execute_raw(conn, "SELECT VERSION()")
    (version,) = cursor.fetchone()
    cursor.close()
    return "mariadb" in str(version).lower()


def error_code(conn: Connection, statement: str) -> int | None:
    """Run one statement; return the server's error number, or None when it succeeds."""
    try:
        db.execute_raw(conn, statement).close()
    except Exception as error:  # PyMySQL's errors carry (code, message); SQLAlchemy wraps them
        args = getattr(getattr(error, "orig", None) or error, "args", ())
        if args and isinstance(args[0], int):
            return args[0]
        raise
    return None
