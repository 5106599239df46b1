"""Every walk-through on the lesson engine, run as a reader runs it: in a pipe, 80 columns.

No code line and no section title may be cut ("…") or broken over two lines: each line of
every example's code, and every section title, must come out whole on a line of its own.
The step after the lesson (chapter 3's training estimate, chapter 5's benchmark and training)
is left out with --lesson-only; the lesson itself runs in full.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chapters import CATALOG
from common.lesson import Block, Lesson

ROOT = Path(__file__).resolve().parents[1]


def walk_through_lesson(package: str) -> Lesson | None:
    """The Lesson a chapter's walk-through runs on (its __main__.py's LESSON), or None."""
    found = getattr(importlib.import_module(f"chapters.{package}.__main__"), "LESSON", None)
    return found if isinstance(found, Lesson) else None


# The SQL chapters' walk-throughs need a server; chapters/sqlkit/tests/test_lessons.py runs them.
LESSONS = [(c, walk_through_lesson(c.package)) for c in CATALOG if "mysql" not in c.needs]
LESSONS = [(c, lesson) for c, lesson in LESSONS if lesson is not None]


def code_lines(lesson: Lesson) -> list[str]:
    """Each line of code the walk-through prints, as it prints it (prompts included)."""
    lines = []
    for section in lesson.sections():
        for part in section.parts:
            if isinstance(part, Block):
                kind = lesson.kinds[part.kind]
                text = kind.transcript(part.examples, [""] * len(part.examples))
                lines += [line.rstrip() for line in text.splitlines() if line.strip()]
    return lines


@pytest.mark.slow
@pytest.mark.parametrize("chapter, lesson", LESSONS, ids=[c.package for c, _ in LESSONS])
def test_walk_through_at_80_columns_cuts_no_code_and_no_title(chapter, lesson: Lesson) -> None:
    args = ["--lesson-only"] if lesson.after else []
    env = {**os.environ, "COLUMNS": "80", "LINES": "24"}
    done = subprocess.run(
        [sys.executable, "-m", f"chapters.{chapter.package}", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout.splitlines()
    cut = [line for line in out if "…" in line]
    assert not cut, f"cut lines: {cut[:5]}"
    printed = {line.rstrip() for line in out}
    broken = [line for line in code_lines(lesson) if line not in printed]
    assert not broken, f"code lines not printed whole: {broken[:5]}"
    titles = [s.label for s in lesson.sections() if s.number != 0]
    assert [t for t in titles if t not in printed] == []
    total = sum(len(s.examples) for s in lesson.sections())  # one ending for every chapter
    assert out[-1].strip() == f"{total} examples ran, all match the README"
