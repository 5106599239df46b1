"""Chapters declare what they need; the commands ask the catalog, never the chapter's number."""

import re
import subprocess
import sys
from pathlib import Path

from chapters import CATALOG, MYSQL, Chapter
from chapters.__main__ import needs

ROOT = Path(__file__).resolve().parents[1]


def test_a_new_pytorch_chapter_needs_no_server():
    twelfth = Chapter(12, "ch12_attention", "Attention from scratch")  # no MYSQL in its needs
    catalog = [*CATALOG, twelfth]
    assert not needs(12, "mysql", catalog)
    assert needs(12, "mysql", [*CATALOG, twelfth._replace(needs=MYSQL)])


def test_make_chapter_asks_the_catalog():
    recipe = (ROOT / "Makefile").read_text()
    body = recipe.split("\nchapter-%:", 1)[1].split("\n\n", 1)[0]
    assert "--needs mysql" in body and "--needs extension" in body
    assert not re.search(r"-ge\s+6|= 5\b", body), "the recipe decides by the chapter's number"


def test_the_needs_query_answers_by_exit_status():
    def asks(*args):
        return subprocess.run([sys.executable, "-m", "chapters", *args], cwd=ROOT).returncode

    assert asks("6", "--needs", "mysql") == 0
    assert asks("1", "--needs", "mysql") == 1
    assert asks("5", "--needs", "extension") == 0
