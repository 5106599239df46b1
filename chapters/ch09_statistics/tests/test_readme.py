"""The SQL the lesson shows runs on the example tables and returns the rows it announces."""

from pathlib import Path

import pytest

from chapters.sqlkit import by_chapter
from chapters.sqlkit.readme_sql import check_example, sql_examples

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLES = sql_examples(README)


@pytest.fixture(scope="module")
def example_db(module_db):
    """The three exercises' example tables (Store, Delivery, Accounts) in one database."""
    with module_db.begin() as conn:
        for exercise in by_chapter(9):
            exercise.load_examples(conn)
    return module_db


def test_every_block_announces_its_rows():
    assert len(EXAMPLES) == 10
    assert all(example.rows for example in EXAMPLES)


@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=lambda i: f"block{i}")
def test_each_sql_block_gives_the_rows_it_shows(example_db, index):
    check_example(example_db, EXAMPLES[index])
