"""The pandas dtypes of an input table, read from its CREATE TABLE statement (the one source)."""

from __future__ import annotations

import re

# The first word of a column's SQL type -> the pandas dtype its values load as.
PANDAS_DTYPE = {
    "INT": "Int64",
    "BIGINT": "Int64",
    "SMALLINT": "Int64",
    "TINYINT": "Int64",
    "DECIMAL": "float64",
    "FLOAT": "float64",
    "DOUBLE": "float64",
    "DATE": "datetime64[ns]",
    "DATETIME": "datetime64[ns]",
    "VARCHAR": "object",
    "CHAR": "object",
    "TEXT": "object",
    "ENUM": "object",
}
# Lines of a CREATE TABLE body that declare no column.
_NOT_A_COLUMN = {"PRIMARY", "KEY", "UNIQUE", "INDEX", "CONSTRAINT", "FOREIGN"}
_COLUMN = re.compile(r"^\s*`?(\w+)`?\s+([A-Za-z]+)")


def dtypes_from_ddl(ddl: str) -> dict[str, str]:
    """{column: pandas dtype} for the columns of one CREATE TABLE statement, in order."""
    body = ddl.split("(", 1)[1]  # after "CREATE TABLE Name ("
    columns: dict[str, str] = {}
    for line in body.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("--", ")")):
            continue
        if stripped.split()[0].upper() in _NOT_A_COLUMN:
            continue
        match = _COLUMN.match(stripped)
        if match is None:
            raise ValueError(f"cannot read a column from DDL line {stripped!r}")
        name, sql_type = match.group(1), match.group(2).upper()
        if sql_type not in PANDAS_DTYPE:
            raise ValueError(f"column {name}: SQL type {sql_type} has no pandas dtype here yet")
        columns[name] = PANDAS_DTYPE[sql_type]
    return columns
