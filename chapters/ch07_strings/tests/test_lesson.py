"""Every ```sql block of the chapter README runs on the server and gives the rows the text states."""

from pathlib import Path

import pandas as pd
import pytest

from common import db
from common.frames import assert_frames_match
from common.markdown import code_blocks

README = Path(__file__).resolve().parents[1] / "README.md"
SETUP, *QUERIES = code_blocks(README, "sql")


def names(*values):
    return (["name"], [(v,) for v in values])


# (columns, rows, order matters), one entry per query block, in the README's order.
EXPECTED = [
    (["name", "chars", "bytes"], [("apple", 5, 5), ("crème brûlée", 12, 15)], False),
    (
        ["fixed", "mid"],
        [
            ("Apple", "ppl"),
            ("Banana", "ana"),
            ("Orange", "ran"),
            ("Kiwi", "iwi"),
            ("Crème brûlée", "rèm"),
            ("A", ""),
            ("Apricot", "pri"),
        ],
        True,
    ),
    (["upper_sharp_s", "lower_dotted_i"], [("ß", "i")], False),
    (*names("apple", "a", "Apricot"), False),  # _ci: 'Apricot' LIKE 'a%'
    (*names("kiwi"), False),
    (*names("apple", "a"), False),
    (*names("banana", "Orange"), False),
    (*names("apple", "banana", "Orange", "kiwi", "a", "Apricot"), True),
    (*names("apple", "banana", "kiwi", "a"), True),
    (["pattern", "backspace", "hit"], [("aw*", "08", 1)], False),
    (*names("apple", "banana", "Orange", "a", "Apricot"), True),
    (["dollar", "z"], [(1, 0)], False),
    (["ci", "bin", "accent", "pad"], [(1, 0, 1, 1)], False),
]


def test_every_query_block_has_an_expectation():
    assert len(QUERIES) == len(EXPECTED)
    assert SETUP.lstrip().startswith("CREATE TABLE")


@pytest.fixture(scope="module")
def lesson_db(module_db):
    with module_db.begin() as conn:
        db.execute_script(conn, SETUP)
    return module_db


@pytest.mark.parametrize("index", range(len(EXPECTED)))
def test_readme_query(lesson_db, index):
    columns, rows, ordered = EXPECTED[index]
    with lesson_db.connect() as conn:
        actual = db.query_frame(conn, QUERIES[index])
    expected = pd.DataFrame(rows, columns=columns, dtype=object)
    assert_frames_match(actual, expected, check_order=ordered)
