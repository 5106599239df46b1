"""The lesson as data: README sections, their prose and `>>>` examples, run the way doctest runs them.

The README is the single source: the tests run its examples as doctests, the walk-through
(`__main__.py`) runs them live and prints the real output, and `notebook.py` is generated from it
(`python -m chapters.ch01_tensors.lesson` rewrites it; a test checks that it is up to date).
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
README = HERE / "README.md"
NOTEBOOK = HERE / "notebook.py"

# the same comparison flags as pytest's doctest run (pyproject.toml); NUMBER is pytest's own
_FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>\w*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_HEADING = re.compile(r"^## (?:(?P<number>\d+)\. )?(?P<title>.+)$", re.MULTILINE)


@dataclass
class Example:
    """One `>>>` statement: its source, the output the README expects, and its line number."""

    source: str
    want: str
    lineno: int

    @property
    def raises(self) -> bool:
        """True when the README expects this statement to raise."""
        return self.want.startswith("Traceback (most recent call last)")


@dataclass
class Block:
    """One fenced block of `>>>` examples."""

    examples: list[Example]


@dataclass
class Section:
    """A `## ` section of the README: number (None for unnumbered ones), title, prose and blocks."""

    number: int | None
    title: str
    parts: list[str | Block] = field(default_factory=list)

    @property
    def examples(self) -> list[Example]:
        """Every example of the section, in order."""
        return [e for part in self.parts if isinstance(part, Block) for e in part.examples]


def read_lesson(path: Path = README) -> list[Section]:
    """Split the README into sections of prose and example blocks (the intro is section 0)."""
    text = path.read_text(encoding="utf-8")
    starts = [(m.start(), m) for m in _HEADING.finditer(text)]
    sections = []
    bounds = [0] + [s for s, _ in starts] + [len(text)]
    for i, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
        chunk = text[start:end]
        if i == 0:
            section = Section(0, "Introduction")
        else:
            match = starts[i - 1][1]
            number = match.group("number")
            section = Section(int(number) if number else None, match.group("title"))
            chunk = chunk[match.end() - match.start() :]
        section.parts = _split_parts(chunk, path, text[:start].count("\n"))
        sections.append(section)
    return sections


def _split_parts(chunk: str, path: Path, line_offset: int) -> list[str | Block]:
    """Prose and `>>>` blocks of one section, in order; other code blocks stay in the prose."""
    parts: list[str | Block] = []
    prose_start = 0
    parser = doctest.DocTestParser()
    for fence in _FENCE.finditer(chunk):
        body = fence.group("body")
        if fence.group("lang") != "python" or ">>>" not in body:
            continue
        parts.append(chunk[prose_start : fence.start()])
        first_line = line_offset + chunk[: fence.start("body")].count("\n")
        examples = [
            Example(e.source.rstrip("\n"), e.want, first_line + e.lineno + 1)
            for e in parser.get_examples(body, name=str(path))
        ]
        parts.append(Block(examples))
        prose_start = fence.end()
    parts.append(chunk[prose_start:])
    return [p for p in parts if isinstance(p, Block) or p.strip()]


def run_example(source: str, namespace: dict) -> str:
    """Run one statement like the interactive prompt (echoing a value) and return its output."""
    buffer = io.StringIO()
    try:
        code = compile(source + "\n", "<lesson>", "single")
        with contextlib.redirect_stdout(buffer):
            old_hook = sys.displayhook
            sys.displayhook = _display_into(buffer)
            try:
                exec(code, namespace)
            finally:
                sys.displayhook = old_hook
    except Exception as error:  # the README shows errors on purpose
        message = "".join(traceback.format_exception_only(type(error), error)).rstrip("\n")
        return buffer.getvalue() + "Traceback (most recent call last):\n    ...\n" + message + "\n"
    return buffer.getvalue()


def _display_into(buffer: io.StringIO):
    def hook(value: object) -> None:
        if value is not None:
            buffer.write(repr(value) + "\n")

    return hook


def output_matches(want: str, got: str) -> bool:
    """doctest's comparison with the README's flags (whitespace and `...` are forgiving)."""
    checker = doctest.OutputChecker()
    if want.startswith("Traceback (most recent call last)"):
        return got.startswith("Traceback") and want.splitlines()[-1] == got.splitlines()[-1]
    return checker.check_output(want, got, _FLAGS)


def fresh_namespace() -> dict:
    """The globals the examples run in (one shared namespace, as in the README doctest)."""
    return {"__name__": "__lesson__"}


# ---- the notebook ----------------------------------------------------------------------------

_HEADER = """\
# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---
"""


def _markdown_cell(text: str) -> str:
    lines = text.strip("\n").splitlines()
    return "# %% [markdown]\n" + "\n".join(("# " + line).rstrip() for line in lines) + "\n"


def _code_cells(block: Block) -> list[str]:
    """Statements grouped so each cell ends with the one whose value it shows."""
    cells, pending = [], []
    for example in block.examples:
        source = example.source
        if example.raises:  # the notebook must run top to bottom, so show the error as text
            body = "\n".join("    " + line for line in source.splitlines())
            source = (
                f"try:\n{body}\nexcept Exception as error:  # the lesson expects an error here\n"
                '    print(f"{type(error).__name__}: {error}")'
            )
        pending.append(source)
        if example.want:
            cells.append("\n".join(pending))
            pending = []
    if pending:
        cells.append("\n".join(pending))
    return ["# %%\n" + cell + "\n" for cell in cells]


# a notebook shows a value by leaving it as the cell's last expression, which linters dislike
_LINT = "# ruff: noqa: B015, B018, I001 (bare expressions display their values)\n"


def to_notebook(sections: list[Section]) -> str:
    """The lesson as a jupytext percent-format notebook (text only, no outputs)."""
    cells = []
    for section in sections:
        heading = (
            ""
            if section.number == 0
            else (
                f"## {section.number}. {section.title}\n\n"
                if section.number
                else f"## {section.title}\n\n"
            )
        )
        first = True
        for part in section.parts:
            if isinstance(part, Block):
                code = _code_cells(part)
                if not any(cell.startswith("# %%\n") for cell in cells):
                    code[0] = code[0].replace("# %%\n", "# %%\n" + _LINT, 1)
                cells.extend(code)
                continue
            text = (heading if first else "") + part.strip("\n")
            cells.append(_markdown_cell(text))
            first = False
        if first and heading:
            cells.append(_markdown_cell(heading))
    return _HEADER + "\n" + "\n".join(cells)


def main() -> None:
    """Rewrite notebook.py from the README."""
    NOTEBOOK.write_text(to_notebook(read_lesson()), encoding="utf-8")
    print(f"wrote {NOTEBOOK}")


if __name__ == "__main__":
    main()
