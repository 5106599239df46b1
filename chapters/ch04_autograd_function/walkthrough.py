"""Run the lesson's examples (the `>>>` lines of README.md) section by section, capturing results."""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

README = Path(__file__).with_name("README.md")
_SECTION = re.compile(r"^## (\d+\. .+)$", re.MULTILINE)


@dataclass
class Step:
    """One example: its source code and the text it really printed or returned."""

    source: str
    output: str


@dataclass
class Section:
    """A numbered section of the lesson with its examples."""

    title: str
    steps: list[Step] = field(default_factory=list)


def sections(path: Path = README) -> list[tuple[str, list[doctest.Example]]]:
    """The numbered sections of the lesson and the doctest examples in each."""
    text = path.read_text(encoding="utf-8")
    parts = _SECTION.split(text)[1:]  # [title, body, title, body, ...]
    parser = doctest.DocTestParser()
    pairs = zip(parts[::2], parts[1::2], strict=True)
    return [(title, parser.get_examples(body)) for title, body in pairs]


def _run(source: str, namespace: dict) -> str:
    """Execute one example like the interactive prompt does; return what it showed."""
    buffer = io.StringIO()
    shown: list[str] = []

    def displayhook(value):
        if value is not None:
            shown.append(repr(value))

    old_hook = sys.displayhook
    sys.displayhook = displayhook
    try:
        with contextlib.redirect_stdout(buffer):
            exec(compile(source, "<lesson>", "single"), namespace)
    except Exception as error:  # the lesson shows some errors on purpose
        last = traceback.format_exception_only(type(error), error)[-1].strip()
        shown.append(f"Traceback (most recent call last):\n...\n{last}")
    finally:
        sys.displayhook = old_hook
    return buffer.getvalue() + "\n".join(shown)


def run_lesson(path: Path = README) -> list[Section]:
    """Every section's examples, run in order in one namespace (as the doctest does)."""
    namespace: dict = {"__name__": "__lesson__"}
    result = []
    for title, examples in sections(path):
        section = Section(title)
        for example in examples:
            section.steps.append(Step(example.source.rstrip(), _run(example.source, namespace)))
        result.append(section)
    return result
