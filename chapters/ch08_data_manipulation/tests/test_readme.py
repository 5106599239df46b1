"""The SQL the lesson shows runs on the server and returns the rows it announces."""

from pathlib import Path

import pytest

from chapters.ch08_data_manipulation.dedupe import SUBQUERY_DELETE, WRAPPED_DELETE
from chapters.sqlkit import get
from chapters.sqlkit.readme_sql import check_example, parse_block
from common.markdown import code_blocks

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = code_blocks(README, "sql")
TABLES = "-- tables: "


def test_every_block_names_its_tables_and_announces_its_rows():
    assert len(BLOCKS) == 7
    for block in BLOCKS:
        assert block.startswith(TABLES)
        # EXPLAIN's rows differ between servers: test_traps checks the one that matters.
        assert parse_block(block).rows or "EXPLAIN" in block


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_each_sql_block_gives_the_rows_it_shows(module_db, block):
    slug = block.splitlines()[0][len(TABLES) :].strip()
    with module_db.begin() as conn:
        get(slug).load_examples(conn)
    check_example(module_db, parse_block(block))


def test_the_refused_delete_shown_as_text_is_the_one_the_traps_test():
    assert SUBQUERY_DELETE + ";" in README.read_text()


def test_the_derived_table_shown_is_the_one_the_traps_test():
    wrapped_subquery = WRAPPED_DELETE[WRAPPED_DELETE.index("NOT IN") :]
    assert wrapped_subquery in README.read_text()
