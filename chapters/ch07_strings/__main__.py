"""Walk-through: every chapter 7 exercise in pandas and in SQL, then the string traps, live."""

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from chapters.sqlkit.walkthrough import run_chapter
from common import db

INTRO = """
Strings: CHAR_LENGTH vs LENGTH next to str.len, UPPER/LOWER/SUBSTRING next to the .str
accessor, LIKE, REGEXP next to str.contains/match/fullmatch, and collations. Each exercise
below runs twice, in pandas and on the MySQL-family server, and both answers are compared
with the expected output written by hand. The lesson is chapters/ch07_strings/README.md.
"""

# (SQL expression, what it shows); each is evaluated on the server below.
TRAPS = [
    ("'a' LIKE 'a%'", "% matches zero characters too"),
    ("'banana' REGEXP 'a\\w*'", "REGEXP is not anchored (and the pattern lost its backslash)"),
    ("'a\\w*'", "the literal the regex engine receives"),
    ("HEX('\\b')", "'\\b' is a backspace, not a word boundary"),
    ("'Apple' = 'apple'", "_ci collation: case is ignored"),
    ("'x@LEETCODE.COM' REGEXP '^[a-z]+@leetcode[.]com$'", "so this e-mail check passes"),
    ("'x@LEETCODE.COM' COLLATE utf8mb4_bin REGEXP '^[a-z]+@leetcode[.]com$'", "unless binary"),
    ("CONCAT('abc', CHAR(10)) REGEXP '^abc$'", "$ matches before a final newline"),
    ("CONCAT('abc', CHAR(10)) REGEXP '^abc\\\\z'", "\\z (doubled in the literal) does not"),
    ("LENGTH('😀'), CHAR_LENGTH('😀')", "bytes vs characters"),
    ("UPPER('ß')", "Python's 'ß'.upper() is 'SS'"),
    ("-3 % 2", "Python's -3 % 2 is 1"),
]


def show_traps(console: Console) -> None:
    """Evaluate each trap expression on the server and print what it returns."""
    table = Table(title="String traps, asked to the server", title_justify="left")
    for header in ("SELECT ...", "result", "shows"):
        table.add_column(header)
    engine = db.get_engine()
    try:
        with engine.connect() as conn:
            for expression, note in TRAPS:
                values = db.query_frame(conn, f"SELECT {expression}").iloc[0].tolist()
                table.add_row(Text(expression), Text(", ".join(map(repr, values))), Text(note))
    finally:
        engine.dispose()
    console.print(table)


def main() -> int:
    status = run_chapter(7, INTRO)
    if status == 0:
        show_traps(Console())
    return status


if __name__ == "__main__":
    sys.exit(main())
