"""The ```sql blocks of a lesson's README: what each announces, and running it on a server.

A block may end with the rows it returns, one comment line each, as Python literals:

    SELECT day, COUNT(*) AS sales FROM Sales GROUP BY day;
    -- => ('2024-05-01', 3)
    -- => ('2024-05-02', 4)

`-- => no rows` announces an empty result, and a first line `-- error 1055` says the server
must refuse the block with that error code. An optional `-- columns: age, pet` line announces
the result's column names too (where the lesson is about naming them). ISO dates written as
strings compare with DATE values. Row order matters only when the last statement ends with an
ORDER BY.

The tables a block runs on are set up one way: the lesson's blocks run in README order in one
database, so a block that creates and fills tables (the lesson's own example tables) sets them
up for the blocks after it; a line `-- tables: <slug>[, <slug>]` first (re)loads the example
tables of those exercises (from sql/ and data/), for lessons that use an exercise's tables.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from chapters.sqlkit import db
from chapters.sqlkit.frames import frame_differences
from common.markdown import code_blocks

_ROW = "-- => "
_COLUMNS = "-- columns: "
_TABLES = "-- tables: "
_ERROR = re.compile(r"^--\s*error\s+(\d+)\s*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class SqlExample:
    """One ```sql block: its statements, and the rows (or the error) it announces."""

    sql: str
    rows: list[tuple] | None  # None: the block announces no result
    error: int | None
    columns: list[str] | None = None  # None: the column names are not announced
    tables: tuple[str, ...] = ()  # exercises whose example tables are loaded first

    @property
    def ordered(self) -> bool:
        last = db.split_statements(self.sql)[-1]
        return re.search(r"\bORDER\s+BY\b[^()]*$", last, re.IGNORECASE) is not None


def _literal(value):
    if isinstance(value, str) and _ISO_DATE.match(value):
        return pd.Timestamp(value)
    return value


def parse_block(block: str) -> SqlExample:
    """Split a block into its SQL and the announced rows or error code."""
    lines = block.strip().splitlines()
    error = None
    if lines and (match := _ERROR.match(lines[0].strip())):
        error = int(match.group(1))
        lines = lines[1:]
    rows: list[tuple] | None = None
    columns: list[str] | None = None
    tables: tuple[str, ...] = ()
    sql_lines = []
    for line in lines:
        if line.startswith(_TABLES):
            tables = tuple(slug.strip() for slug in line[len(_TABLES) :].split(",") if slug.strip())
        elif line.startswith(_COLUMNS):
            columns = [name.strip() for name in line[len(_COLUMNS) :].split(",")]
        elif line.startswith(_ROW):
            text = line[len(_ROW) :].strip()
            rows = [] if rows is None else rows
            if text != "no rows":
                row = ast.literal_eval(text)
                rows.append(tuple(_literal(v) for v in (row if isinstance(row, tuple) else (row,))))
        else:
            sql_lines.append(line)
    return SqlExample("\n".join(sql_lines).strip(), rows, error, columns, tables)


def sql_examples(readme: str | Path) -> list[SqlExample]:
    """Every ```sql block of a Markdown file, parsed."""
    return [parse_block(block) for block in code_blocks(readme, "sql")]


def is_announcement(line: str) -> bool:
    """True for a line that says what a block gives (`-- =>`, `-- columns:`, `-- error N`)."""
    return line.startswith((_ROW, _COLUMNS)) or _ERROR.match(line.strip()) is not None


@dataclass(frozen=True)
class SqlResult:
    """What the server did with a block: the last statement's rows, or the error it raised."""

    frame: pd.DataFrame | None  # None: no result set (or an error)
    error: int | None = None  # the server's error code
    message: str = ""  # the server's error message


def run_block(engine: Engine, example: SqlExample) -> SqlResult:
    """Run one block in a fresh session, as a mysql client would (each statement committed).

    The exercises named by `-- tables:` are loaded first. An error stops the block and is
    returned, not raised: whether it was expected is the caller's question.
    """
    if example.tables:
        from chapters.sqlkit.registry import get  # the registry imports the chapters

        with engine.begin() as conn:
            for slug in example.tables:
                get(slug).load_examples(conn)
    statements = db.split_statements(example.sql)
    with engine.connect() as conn:
        try:
            frame = None
            for statement in statements:
                result = db.execute_raw(conn, statement)
                frame = None
                if result.returns_rows:
                    rows = [tuple(row) for row in result.fetchall()]
                    frame = pd.DataFrame(rows, columns=list(result.keys()), dtype=object)
                result.close()
            conn.commit()
            return SqlResult(frame)
        except sa.exc.DBAPIError as failure:
            conn.rollback()
            args = failure.orig.args if failure.orig is not None else ()
            code = args[0] if args and isinstance(args[0], int) else None
            return SqlResult(None, code, str(args[1]) if len(args) > 1 else str(failure.orig))
        finally:
            conn.invalidate()  # a block may SET SESSION variables: never hand this session on


def differences(example: SqlExample, result: SqlResult) -> list[str]:
    """How the server's result differs from what the block announces (empty: as announced)."""
    if result.error is not None:
        if result.error == example.error:
            return []
        return [f"failed with error {result.error}: {result.message}"]
    if example.error is not None:
        return [f"ran, but error {example.error} was announced"]
    if example.rows is None:
        return []
    got = result.frame
    if got is None:
        return ["returned no result set; rows were announced"]
    if example.columns is not None and list(got.columns) != example.columns:
        return [f"returns columns {list(got.columns)}, announced {example.columns}"]
    widths = {len(row) for row in example.rows}
    if widths - {got.shape[1]}:
        return [f"returns {got.shape[1]} columns; rows announce {widths}"]
    want = pd.DataFrame(example.rows, columns=got.columns, dtype=object)
    return frame_differences(got, want, check_order=example.ordered)


def check_example(engine: Engine, example: SqlExample) -> None:
    """Run one block; raise AssertionError if it does not do what it announces."""
    problems = differences(example, run_block(engine, example))
    if problems:
        raise AssertionError(f"{example.sql}\n" + "\n".join(problems))
