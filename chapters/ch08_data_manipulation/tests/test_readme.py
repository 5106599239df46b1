"""The SQL the lesson shows runs on the server (the pandas examples run as doctests)."""

from pathlib import Path

import pytest

from chapters.ch08_data_manipulation.dedupe import SUBQUERY_DELETE
from chapters.sqlkit import get
from common import db
from common.markdown import code_blocks

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = code_blocks(README, "sql")
TABLES = "-- tables: "


def run_block(conn, block: str):
    """Load the example tables the block's first line names, run every statement, return the
    last query's rows."""
    first = block.splitlines()[0]
    if first.startswith(TABLES):
        get(first[len(TABLES):].strip()).load_examples(conn)
    *setup, last = db.split_statements(block)
    for statement in setup:
        db.execute_raw(conn, statement).close()
    return db.query_frame(conn, last)


def test_the_lesson_shows_sql():
    assert len(BLOCKS) == 6


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_each_sql_block_runs(throwaway_db, block):
    with throwaway_db.begin() as conn:
        rows = run_block(conn, block)
    assert len(rows) > 0


def test_the_blocks_give_the_lesson_s_answers(throwaway_db):
    with throwaway_db.begin() as conn:
        ranks = run_block(conn, BLOCKS[0])
        nth = run_block(conn, BLOCKS[2])
        kept = run_block(conn, BLOCKS[4])
    assert ranks.columns.tolist() == ["score", "min", "dense", "first"]
    assert ranks["dense"].tolist() == [1, 1, 2, 3, 3, 4, 5]
    assert ranks["min"].tolist() == [1, 1, 3, 4, 4, 6, 7]
    assert nth.to_dict("records") == [{"getNthHighestSalary(2)": 300}]
    assert kept["id"].tolist() == [1, 2, 5, 6, 7]


def test_the_refused_delete_shown_as_text_is_the_one_the_traps_test():
    assert SUBQUERY_DELETE + ";" in README.read_text()
