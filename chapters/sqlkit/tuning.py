"""What a DBA changes to make the exercises' SQL fast: indexes per exercise, and server settings.

* Indexes (and, where a plan cannot use them, a rewrite: tuning/rewrite/solution.sql) live
  beside the exercise, in sql/chNN/<slug>/tuning/*.sql (CREATE INDEX statements).
  They are a separate step, applied after the tables are loaded: the DDL files stay the
  problem's own schema (the "before"), and the judge and the tests use that schema.
* Settings: the in-memory limit of internal temporary tables (GROUP BY, materialized
  subqueries, window functions). Both servers default to 16 MiB; past it the table moves to
  disk (MariaDB: "Converting HEAP to Aria"). The throwaway server of `make db`
  (scripts/db.sh) and docker-compose.yml start with TUNED; the benchmark also sets them per
  session, so that "before" and "after" are measured on any server.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Connection

from chapters.sqlkit import db
from chapters.sqlkit.exercise import Exercise

MIB = 1024 * 1024
DEFAULTS = {"tmp_table_size": 16 * MIB, "max_heap_table_size": 16 * MIB}  # both servers'
TUNED = {"tmp_table_size": 256 * MIB, "max_heap_table_size": 256 * MIB}
# Global only (no session value): in scripts/db.sh and docker-compose.yml, not set per session.
BUFFER_POOL_BYTES = 512 * MIB  # innodb_buffer_pool_size; the default 128 MiB holds ~2 big tables
MODES = ("before", "after")


def index_scripts(exercise: Exercise) -> list[Path]:
    """The exercise's tuning scripts (CREATE INDEX ...), in name order; [] if it has none."""
    return sorted((exercise.sql_dir / "tuning").glob("*.sql"))


def rewrite_script(exercise: Exercise) -> str | None:
    """The faster solution the tuning brings, if any (sql/chNN/<slug>/tuning/rewrite/solution.sql).

    It must give the same answer as solution.sql; the benchmark runs it in the "after" mode.
    """
    path = exercise.sql_dir / "tuning" / "rewrite" / "solution.sql"
    return path.read_text() if path.exists() else None


def script(exercise: Exercise, mode: str) -> str:
    """The SQL the benchmark runs in `mode`: the solution, or for 'after' its rewrite if any."""
    rewrite = rewrite_script(exercise) if mode == "after" else None
    return rewrite if rewrite is not None else exercise.solution_sql


def session_settings(mode: str) -> list[str]:
    """SET SESSION statements for 'before' (the servers' defaults) or 'after' (tuned)."""
    if mode not in MODES:
        raise ValueError(f"tuning mode must be one of {MODES}, got {mode!r}")
    values = DEFAULTS if mode == "before" else TUNED
    return [f"SET SESSION {name} = {value}" for name, value in values.items()]


def create_indexes(conn: Connection, exercise: Exercise) -> list[str]:
    """Run the exercise's tuning scripts on its loaded tables; return the statements run."""
    ran = [s for path in index_scripts(exercise) for s in db.split_statements(path.read_text())]
    for statement in ran:
        db.execute_raw(conn, statement).close()
    return ran


def server_flags() -> list[str]:
    """The command-line flags that start a server with the tuned settings (db.sh, compose)."""
    values = {**TUNED, "innodb_buffer_pool_size": BUFFER_POOL_BYTES}
    return [f"--{name.replace('_', '-')}={value // MIB}M" for name, value in values.items()]
