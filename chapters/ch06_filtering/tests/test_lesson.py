"""Every ```sql block of the chapter README runs on the server and gives the rows it announces."""

from pathlib import Path

import pytest

from chapters.sqlkit.readme_sql import check_example, sql_examples
from common import db

README = Path(__file__).resolve().parents[1] / "README.md"
SETUP, *QUERIES = sql_examples(README)


def test_every_query_block_announces_its_rows():
    assert SETUP.sql.lstrip().startswith("CREATE TABLE") and SETUP.rows is None
    assert len(QUERIES) == 10
    assert all(example.rows is not None and example.error is None for example in QUERIES)
    assert QUERIES[-1].rows == []  # NOT IN with a NULL in the list: nothing at all


def test_only_the_order_by_blocks_compare_row_order():
    assert [index for index, example in enumerate(QUERIES) if example.ordered] == [5, 6]


@pytest.fixture(scope="module")
def lesson_db(module_db):
    with module_db.begin() as conn:
        db.execute_script(conn, SETUP.sql)
    return module_db


@pytest.mark.parametrize("index", range(len(QUERIES)))
def test_readme_query(lesson_db, index):
    check_example(lesson_db, QUERIES[index])
