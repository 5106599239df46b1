"""Run the ```sql blocks of a lesson's README on a server and check the rows they announce.

A block may end with the rows it returns, one comment line each, as Python literals:

    SELECT day, COUNT(*) AS sales FROM Sales GROUP BY day;
    -- => ('2024-05-01', 3)
    -- => ('2024-05-02', 4)

`-- => no rows` announces an empty result, and a first line `-- error 1055` says the server
must refuse the block with that error code. An optional `-- columns: age, pet` line announces
the result's column names too (where the lesson is about naming them). ISO dates written as strings compare with DATE
values. Row order matters only when the last statement ends with an ORDER BY.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from common import db
from common.frames import frame_differences
from common.markdown import code_blocks

_ROW = "-- => "
_COLUMNS = "-- columns: "
_ERROR = re.compile(r"^--\s*error\s+(\d+)\s*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class SqlExample:
    """One ```sql block: its statements, and the rows (or the error) it announces."""

    sql: str
    rows: list[tuple] | None  # None: the block announces no result
    error: int | None
    columns: list[str] | None = None  # None: the column names are not announced

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
    sql_lines = []
    for line in lines:
        if line.startswith(_COLUMNS):
            columns = [name.strip() for name in line[len(_COLUMNS) :].split(",")]
        elif line.startswith(_ROW):
            text = line[len(_ROW) :].strip()
            rows = [] if rows is None else rows
            if text != "no rows":
                row = ast.literal_eval(text)
                rows.append(tuple(_literal(v) for v in (row if isinstance(row, tuple) else (row,))))
        else:
            sql_lines.append(line)
    return SqlExample("\n".join(sql_lines).strip(), rows, error, columns)


def sql_examples(readme: str | Path) -> list[SqlExample]:
    """Every ```sql block of a Markdown file, parsed."""
    return [parse_block(block) for block in code_blocks(readme, "sql")]


def check_example(engine: Engine, example: SqlExample) -> None:
    """Run one block in a fresh session; raise AssertionError if it does not do what it says."""
    statements = db.split_statements(example.sql)
    with engine.connect() as conn:
        try:
            for statement in statements[:-1]:
                db.execute_raw(conn, statement).close()
            result = db.execute_raw(conn, statements[-1])
            got = None
            if result.returns_rows:
                rows = [tuple(row) for row in result.fetchall()]
                got = pd.DataFrame(rows, columns=list(result.keys()), dtype=object)
        except sa.exc.DBAPIError as failure:
            code = failure.orig.args[0] if failure.orig is not None and failure.orig.args else None
            if example.error is not None and code == example.error:
                return
            raise AssertionError(f"{example.sql}\nfailed with {failure.orig}") from failure
        finally:
            conn.rollback()
            conn.invalidate()  # a block may SET SESSION variables: never hand this session on
        if example.error is not None:
            raise AssertionError(f"{example.sql}\nran, but error {example.error} was announced")
    if example.rows is None:
        return
    if got is None:
        raise AssertionError(f"{example.sql}\nreturned no result set; rows were announced")
    if example.columns is not None and list(got.columns) != example.columns:
        raise AssertionError(
            f"{example.sql}\nreturns columns {list(got.columns)}, announced {example.columns}"
        )
    widths = {len(row) for row in example.rows}
    if widths - {got.shape[1]}:
        raise AssertionError(
            f"{example.sql}\nreturns {got.shape[1]} columns; rows announce {widths}"
        )
    want = pd.DataFrame(example.rows, columns=got.columns, dtype=object)
    problems = frame_differences(got, want, check_order=example.ordered)
    if problems:
        raise AssertionError(f"{example.sql}\n" + "\n".join(problems))
