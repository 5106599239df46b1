"""Every ```sql block of the chapter README runs on the server and gives the rows the text states."""

from pathlib import Path

import pandas as pd
import pytest

from common import db
from common.frames import assert_frames_match
from common.markdown import code_blocks

README = Path(__file__).resolve().parents[1] / "README.md"
SETUP, *QUERIES = code_blocks(README, "sql")

# (columns, rows, order matters), one entry per query block, in the README's order.
EXPECTED = [
    (["name", "age"], [("Rex", 3), ("Tom", 5), ("Bella", 8), ("Milo", 2)], False),
    (["name"], [("Milo",), ("Rex",)], False),
    (["name"], [("Kiwi",)], False),
    (["age", "pet"], [(5, "Tom"), (2, "Milo")], False),
    (["species"], [("dog",), ("cat",), ("bird",)], False),
    (
        ["species", "name", "age"],
        [
            ("bird", "Kiwi", None),
            ("cat", "Tom", 5),
            ("cat", "Milo", 2),
            ("dog", "Bella", 8),
            ("dog", "Rex", 3),
            ("dog", "Rex", 1),
        ],
        True,
    ),
    (["name"], [("Kiwi",), ("Rex",), ("Milo",), ("Rex",), ("Tom",), ("Bella",)], True),
    (["owner"], [("Dee",)], False),
    (["owner"], [("Dee",)], False),
    (["owner"], [], False),  # NOT IN with a NULL in the list: nothing at all
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
