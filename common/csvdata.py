r"""The CSV files in data/: a header line, then rows; `\N` is NULL, an empty field an empty string."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

NULL_MARKER = r"\N"  # MySQL's own spelling of NULL in LOAD DATA files


def read_csv_rows(path: str | Path) -> tuple[list[str], list[list[str | None]]]:
    r"""The header and the rows of a CSV file, every value a string, `\N` turned into None."""
    path = Path(path)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise ValueError(f"{path}: empty file, expected a header line") from None
        rows = []
        for line_no, row in enumerate(reader, start=2):
            if len(row) != len(header):
                raise ValueError(f"{path}:{line_no}: {len(row)} fields, the header has {len(header)}")
            rows.append([None if value == NULL_MARKER else value for value in row])
    return header, rows


def convert_column(values: pd.Series, dtype: str) -> pd.Series:
    """Strings (and None) to `dtype`: "Int64", "float64", "datetime64[ns]", "object", "string"..."""
    if dtype.startswith("datetime64"):
        return pd.to_datetime(values).astype(dtype)
    if dtype.lower().startswith(("int", "uint", "float")):
        return pd.to_numeric(values).astype(dtype)
    return values.astype(dtype)


def read_csv_frame(path: str | Path, dtypes: dict[str, str] | None = None) -> pd.DataFrame:
    """A CSV file as a DataFrame; columns named in `dtypes` converted, the rest left as strings."""
    header, rows = read_csv_rows(path)
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    for column, dtype in (dtypes or {}).items():
        if column not in frame.columns:
            raise KeyError(f"{path}: no column {column!r} (columns: {header})")
        frame[column] = convert_column(frame[column], dtype)
    return frame
