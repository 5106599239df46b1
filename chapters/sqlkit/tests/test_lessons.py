"""Every SQL chapter's lesson, through the one engine (chapters/sqlkit/lesson.py): each ```sql
block gives what it announces, and the walk-through agrees, cuts no code line at 80 columns and
ends as every SQL walk-through ends. The chapters come from the catalog."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console

from chapters import CATALOG, is_ready
from chapters.sqlkit import by_chapter, db
from chapters.sqlkit.lesson import LessonDatabase, SqlLesson, announce
from chapters.sqlkit.readme_sql import SqlResult, differences, parse_block
from common.lesson import lesson_for

CHAPTERS = Path(__file__).resolve().parents[2]
SQL_CHAPTERS = [c for c in CATALOG if "mysql" in c.needs and is_ready(c.package)]


def lesson(chapter) -> SqlLesson:
    found = lesson_for(CHAPTERS / chapter.package)
    assert isinstance(found, SqlLesson), f"{chapter.package}/__main__.py: LESSON = SqlLesson(...)"
    return found


BLOCKS = [(c, i) for c in SQL_CHAPTERS for i in range(len(lesson(c).sql_blocks()))]


@pytest.fixture(scope="module")
def outcomes(mysql_available):
    """Each chapter's blocks, run once in README order on a throwaway database of its own."""
    cache: dict[int, list] = {}
    with contextlib.ExitStack() as stack:

        def run(chapter):
            if chapter.number not in cache:
                engine = stack.enter_context(db.throwaway_database(f"lesson{chapter.number:02d}"))
                cache[chapter.number] = lesson(chapter).run_sql_blocks(engine)
            return cache[chapter.number]

        yield run


def block_id(case) -> str:
    chapter, index = case
    return f"ch{chapter.number:02d}-line{lesson(chapter).sql_blocks()[index].lineno}"


def test_every_sql_chapter_has_sql_blocks():
    assert SQL_CHAPTERS, "the catalog lists no ready SQL chapter"
    for chapter in SQL_CHAPTERS:
        assert lesson(chapter).sql_blocks(), f"{chapter.package}/README.md has no ```sql block"


@pytest.mark.parametrize("case", BLOCKS, ids=[block_id(case) for case in BLOCKS])
def test_each_sql_block_gives_what_it_announces(outcomes, case):
    chapter, index = case
    block, result = outcomes(chapter)[index]
    problems = differences(block.parsed, result)
    assert not problems, f"README line {block.lineno}:\n{block.source}\n" + "\n".join(problems)


def test_a_wrong_announcement_is_caught(throwaway_db, tmp_path):
    """The block check can fail: a copy of chapter 6 whose first query announces a wrong row."""
    folder = tmp_path / "chapters" / "ch06_filtering"
    folder.mkdir(parents=True)
    readme = (CHAPTERS / "ch06_filtering" / "README.md").read_text(encoding="utf-8")
    shutil.copy(CHAPTERS / "ch06_filtering" / "__init__.py", folder)
    (folder / "README.md").write_text(readme.replace("-- => ('Tom', 5)", "-- => ('Tom', 6)", 1))
    copy = SqlLesson(folder)
    verdicts = [differences(b.parsed, r) for b, r in copy.run_sql_blocks(throwaway_db)]
    assert sum(bool(problems) for problems in verdicts) == 1


def code_lines(chapter) -> list[str]:
    """Every line of code the lesson shows: its SQL blocks and its `>>>` statements."""
    lines = []
    for section in lesson(chapter).sections():
        for part in section.parts:
            if isinstance(part, str):
                continue
            for example in part.examples:
                lines += [line.rstrip() for line in example.source.splitlines() if line.strip()]
    return lines


@pytest.mark.slow
@pytest.mark.parametrize("chapter", SQL_CHAPTERS, ids=lambda c: c.package)
def test_the_walk_through_agrees_and_cuts_no_code_line_at_80_columns(mysql_available, chapter):
    console = Console(width=80, record=True, file=io.StringIO())
    status = lesson(chapter).main([], console)
    text = console.export_text()
    printed = {line.rstrip() for line in text.splitlines()}
    cut = [line for line in code_lines(chapter) if not any(line in p for p in printed)]
    assert not cut, f"code lines not printed whole: {cut[:3]}"
    assert "…" not in text, [line for line in text.splitlines() if "…" in line][:3]
    count = len(by_chapter(chapter.number))
    *_, examples, exercises = text.rstrip().splitlines()
    assert re.fullmatch(r"\d+ examples ran, all match the README", examples.strip()), examples
    assert exercises.strip() == f"{count}/{count} exercises agree"
    assert status == 0


def test_a_result_is_written_the_way_a_readme_announces_it_and_reads_back():
    columns = ["word", "price", "day", "missing"]
    rows = [
        ("a", Decimal("4.00"), dt.date(2024, 5, 1), None),
        ("b", Decimal("3.50"), dt.date(2024, 5, 2), 1),
    ]
    result = SqlResult(pd.DataFrame(rows, columns=columns, dtype=object))
    text = announce(result)
    assert text.splitlines() == [
        "-- columns: word, price, day, missing",
        "-- => ('a', 4.00, '2024-05-01', None)",
        "-- => ('b', 3.50, '2024-05-02', 1)",
    ]
    assert differences(parse_block("SELECT 1;\n" + text), result) == []
    assert announce(SqlResult(pd.DataFrame(columns=["x"]))).endswith("-- => no rows")
    assert announce(SqlResult(None, 1064, "syntax")) == "-- error 1064: syntax"


def test_the_notebook_call_shows_rows_and_what_the_lesson_expects(mysql_available, capsys):
    database = LessonDatabase("nbtest")
    try:
        assert database("SELECT 1 AS one;\n-- => (2,)")["one"].tolist() == [1]
        assert "not what the lesson shows" in capsys.readouterr().out
        assert database("-- error 1064\nSELEC 1;") is None
        assert "error 1064, as the lesson says" in capsys.readouterr().out
        with pytest.raises(RuntimeError, match="error 1064"):
            database("SELEC 1;")
    finally:
        database.close()
