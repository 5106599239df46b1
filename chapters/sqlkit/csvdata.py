r"""The CSV files in data/: a header line, then rows; `\N` is NULL, an empty field an empty string.

Files are UTF-8 (a BOM is allowed), quoted as the csv module writes them (a quoted field may
span lines); anything else is a ValueError that names the file and the line.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import decimal
import io
from collections import Counter
from pathlib import Path

import pandas as pd

NULL_MARKER = r"\N"  # MySQL's own spelling of NULL in LOAD DATA files
FIELD_SIZE_LIMIT = 16 * 1024 * 1024  # characters; the csv module's default (128 Ki) is too small
_BOOLEANS = {"1": True, "true": True, "0": False, "false": False}  # keys lower-cased


def _not_utf8(path: Path, data: bytes, offset: int, what: str) -> ValueError:
    line = data.count(b"\n", 0, offset) + 1
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:200]
    hint = ", it looks like UTF-16" if utf16 else ""
    return ValueError(f"{path}:{line}: not UTF-8 (byte {offset}: {what}{hint}); save it as UTF-8")


def _text(path: Path) -> str:
    """The file decoded as UTF-8, without its BOM if it has one."""
    data = path.read_bytes()
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = start + error.start
        raise _not_utf8(path, data, offset, repr(data[offset : offset + 1])) from None
    if "\x00" in text:  # valid UTF-8, but no text file of ours holds one: UTF-16 without a BOM
        raise _not_utf8(path, data, data.index(b"\x00"), "a NUL byte")
    return text


@contextlib.contextmanager
def _field_size_limit(limit: int):
    """Raise the csv module's (process-wide) field size limit while reading, then restore it."""
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _records(path: Path, text: str):
    """(first line, last line, fields) of each record; a csv error becomes a ValueError."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    first = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ValueError(f"{path}:{first}: {_explain(error, first, reader.line_num)}") from None
        yield first, reader.line_num, fields
        first = reader.line_num + 1


def _explain(error: csv.Error, first: int, last: int) -> str:
    message = str(error)
    if message.startswith("unexpected end of data"):
        return "unterminated quote: a quoted field of this record is still open at the end"
    if "expected after" in message:  # strict mode: `"a"b`
        message = f"junk after a closing quote on line {last} ({message})"
    return message + _spans(first, last)


def _spans(first: int, last: int) -> str:
    if first == last:
        return ""
    return f"; the record from line {first} to line {last} may hold a quote left open"


def read_csv_rows(path: str | Path) -> tuple[list[str], list[list[str | None]]]:
    r"""The header and the rows of a CSV file, every value a string, `\N` turned into None."""
    path = Path(path)
    with _field_size_limit(FIELD_SIZE_LIMIT):
        records = _records(path, _text(path))
        try:
            _, _, header = next(records)
        except StopIteration:
            raise ValueError(f"{path}: empty file, expected a header line") from None
        twice = [name for name, count in Counter(header).items() if count > 1]
        if twice:
            raise ValueError(f"{path}:1: column {twice[0]!r} appears twice in the header")
        rows = []
        for first, last, row in records:
            if len(row) != len(header):
                raise ValueError(
                    f"{path}:{first}: {len(row)} fields, the header has {len(header)}"
                    + _spans(first, last)
                )
            rows.append([None if value == NULL_MARKER else value for value in row])
    return header, rows


def _boolean(text) -> bool:
    try:
        return _BOOLEANS[str(text).lower()]
    except KeyError:
        raise ValueError(f"{text!r} is not a boolean (write 1/0 or true/false)") from None


def _integer(text) -> int:
    """An integer, exactly (never through a float): 12, or written as 12.0 or 1.2e1."""
    with contextlib.suppress(ValueError):
        return int(text)
    with contextlib.suppress(decimal.InvalidOperation):
        number = decimal.Decimal(text)
        if number.is_finite() and number == number.to_integral_value():
            return int(number)
    raise ValueError(f"{text!r} is not an integer")


def convert_column(values: pd.Series, dtype: str) -> pd.Series:
    """Strings (and None) to `dtype`: "Int64", "float64", "bool", "datetime64[ns]", "object"..."""
    if dtype.startswith("datetime64"):
        return pd.to_datetime(values).astype(dtype)
    if dtype in ("bool", "boolean"):
        flags = [None if value is None else _boolean(value) for value in values]
        if None in flags:
            dtype = "boolean"  # numpy's bool has no NULL
        return pd.Series(flags, index=values.index, name=values.name, dtype=dtype)
    if dtype.lower().startswith(("int", "uint")):
        numbers = [None if value is None else _integer(value) for value in values]
        if None in numbers and dtype[0] in "iu":
            raise ValueError(f"NULL in a column of numpy's {dtype}: use a nullable dtype (Int64)")
        try:
            return pd.Series(numbers, index=values.index, name=values.name, dtype=dtype)
        except (OverflowError, TypeError) as error:  # out of the dtype's range
            raise ValueError(f"a value out of range for {dtype} ({error})") from None
    if dtype.lower().startswith("float"):
        return pd.to_numeric(values).astype(dtype)
    return values.astype(dtype)


def read_csv_frame(path: str | Path, dtypes: dict[str, str] | None = None) -> pd.DataFrame:
    """A CSV file as a DataFrame; columns named in `dtypes` converted, the rest left as strings."""
    header, rows = read_csv_rows(path)
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    for column, dtype in (dtypes or {}).items():
        if column not in frame.columns:
            raise ValueError(f"{path}: no column {column!r} (the header has {header})")
        try:
            frame[column] = convert_column(frame[column], dtype)
        except (ValueError, TypeError) as error:
            raise ValueError(f"{path}: column {column!r} as {dtype}: {error}") from error
    return frame
