"""One engine for every lesson: the chapter README is the single source.

A README is read into sections (`## N. Title`), each a list of prose and example blocks. The
examples are `>>>` statements (fenced in ```python or bare, as doctest finds them) and any
other kind a chapter registers (a `Kind` per fence language, for example ```sql). From that one
reading come

* the walk-through (`Lesson.main`, called by the chapter's `__main__.py`): every example runs
  live, is printed with the output it really gave, and is flagged where that differs from the
  README; it ends with one line, "N examples ran, all match the README" (exit status 0) or
  "N examples ran, k differ from the README" (exit status 1);
* the read-along notebook (`Lesson.to_notebook`, jupytext percent format, no outputs), written
  by `python -m common.lesson chapters/chNN_x ...` and checked by tests/test_notebooks.py.

pytest runs the same `>>>` examples as doctests (`--doctest-glob=README.md`). This module
imports neither torch nor anything of a chapter: the lessons bring their own imports.
"""

from __future__ import annotations

import argparse
import contextlib
import doctest
import importlib
import io
import re
import sys
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# the comparison flags of pytest's doctest run (pyproject.toml); NUMBER is done by _numbers_agree
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
TRACEBACK = "Traceback (most recent call last):"
_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_HEADING = re.compile(r"^## (?:(?P<number>\d+)\. )?(?P<title>.+)$", re.MULTILINE)
# The first code cell of a generated notebook says so (tests/test_notebooks.py looks for it).
GENERATED = (
    "# generated from README.md by `python -m common.lesson`: edit the README, not this file"
)


# ---- what a lesson is made of -------------------------------------------------------------------


@dataclass
class Example:
    """One statement of a block: its source, the output the README expects, its README line."""

    source: str
    want: str
    lineno: int
    exc_msg: str | None = None  # the exception text the README expects, when it expects one
    options: dict[int, bool] = field(default_factory=dict)  # doctest directives on this line

    @property
    def raises(self) -> bool:
        """True when the README expects this statement to raise."""
        return self.exc_msg is not None or self.want.startswith(TRACEBACK)


@dataclass
class Block:
    """A run of examples of one kind (`"python"` for `>>>` blocks)."""

    examples: list[Example]
    kind: str = "python"


@dataclass
class Section:
    """A `## ` section: number (None when unnumbered, 0 for the introduction), title, parts."""

    number: int | None
    title: str
    parts: list[str | Block] = field(default_factory=list)

    @property
    def examples(self) -> list[Example]:
        """Every example of the section, in order."""
        return [e for part in self.parts if isinstance(part, Block) for e in part.examples]

    @property
    def label(self) -> str:
        """The title as the walk-through shows it: "3. Indexing", "Traps"."""
        name = self.title.replace("`", "")
        return f"{self.number}. {name}" if self.number else name

    @property
    def heading(self) -> str:
        """The title as the README writes it: "3. Indexing and `slicing`"."""
        return f"{self.number}. {self.title}" if self.number else self.title


# ---- kinds of example --------------------------------------------------------------------------


class Kind:
    """How one kind of example is found, run, compared, shown and put in a notebook.

    Subclass it for a new kind of block and pass an instance to `Lesson(kinds={"lang": ...})`:
    every fenced block tagged with that language becomes a Block of that kind.
    """

    lexer = "text"  # the pygments lexer that highlights a block in the walk-through

    def examples(self, body: str, first_line: int) -> list[Example] | None:
        """The examples of a fenced block's body (README line `first_line` is its first line),
        or None when the block is only an illustration and stays in the prose."""
        return [Example(body.rstrip("\n"), "", first_line)]

    def run(self, example: Example, namespace: dict) -> str:
        """Run the example and return the output it gave (as the README would show it)."""
        raise NotImplementedError

    def matches(self, example: Example, got: str) -> bool:
        """Whether `got` is what the README shows for this example."""
        return not example.want or example.want.strip() == got.strip()

    def transcript(self, examples: list[Example], outputs: list[str]) -> str:
        """The block as the walk-through prints it: each example, then its real output."""
        parts = []
        for example, got in zip(examples, outputs, strict=True):
            parts.append(example.source)
            if got:
                parts.append(got.rstrip("\n"))
        return "\n".join(parts)

    def cells(self, examples: list[Example]) -> list[str]:
        """The notebook code cells (their sources) that run these examples."""
        raise NotImplementedError


class PythonKind(Kind):
    """`>>>` examples, run the way doctest runs them (the interactive prompt's echo of values)."""

    lexer = "pycon"

    def examples(self, body: str, first_line: int) -> list[Example] | None:
        if ">>>" not in body:
            return None  # a plain code listing
        return doctest_examples(body, first_line)

    def run(self, example: Example, namespace: dict) -> str:
        return run_python(example.source, namespace)

    def matches(self, example: Example, got: str) -> bool:
        return output_matches(example, got)

    def transcript(self, examples: list[Example], outputs: list[str]) -> str:
        parts = []
        for example, got in zip(examples, outputs, strict=True):
            lines = example.source.splitlines()
            parts.append("\n".join([">>> " + lines[0]] + ["... " + line for line in lines[1:]]))
            if got:
                parts.append(got.rstrip("\n"))
        return "\n".join(parts)

    def cells(self, examples: list[Example]) -> list[str]:
        """Statements grouped so that each cell ends with the one whose value it shows."""
        cells, pending = [], []
        for example in examples:
            source = example.source
            if example.raises:  # a notebook must run top to bottom: show the error as text
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
        return cells


def doctest_examples(text: str, first_line: int) -> list[Example]:
    """The `>>>` examples of `text`, whose first line is README line `first_line` (1-based)."""
    parser = doctest.DocTestParser()
    return [_from_doctest(e, first_line) for e in parser.get_examples(text)]


def run_python(source: str, namespace: dict) -> str:
    """Run one statement like the interactive prompt (echoing a value); return its output.

    An exception is shown as doctest expects it: the traceback header, "...", the message.
    Warnings are not output (doctest does not see them either).
    """
    buffer = io.StringIO()

    def display(value: object) -> None:
        if value is not None:
            buffer.write(repr(value) + "\n")
            namespace["_"] = value

    old_hook = sys.displayhook
    try:
        code = compile(source + "\n", "<lesson>", "single")
        with contextlib.redirect_stdout(buffer), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sys.displayhook = display
            exec(code, namespace)
    except Exception as error:  # the README shows errors on purpose
        message = "".join(traceback.format_exception_only(type(error), error))
        return buffer.getvalue() + f"{TRACEBACK}\n    ...\n{message}"
    finally:
        sys.displayhook = old_hook
    return buffer.getvalue()


def output_matches(example: Example, got: str) -> bool:
    """doctest's verdict with the README's flags (whitespace, `...`, NUMBER, the example's own)."""
    flags = FLAGS
    for flag, on in example.options.items():
        flags = flags | flag if on else flags & ~flag
    if example.options.get(doctest.SKIP):
        return True
    checker = doctest.OutputChecker()
    if example.raises:
        if TRACEBACK not in got:
            return False
        # doctest compares only the exception's message, not what was printed before it
        raised = got[got.index(TRACEBACK) :]
        got_message = raised.split("\n", 2)[2] if raised.count("\n") >= 2 else ""
        want_message = example.exc_msg or example.want.split("\n", 2)[-1]
        return checker.check_output(want_message, got_message, flags)
    return checker.check_output(example.want, got, flags) or _numbers_agree(
        example.want, got, checker, flags
    )


_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _numbers_agree(want: str, got: str, checker: doctest.OutputChecker, flags: int) -> bool:
    """pytest's NUMBER option: a float in `got` matches one in `want` to want's precision."""
    wanted = list(_NUMBER.finditer(want))
    found = list(_NUMBER.finditer(got))
    if not wanted or len(wanted) != len(found):
        return False
    pieces, end = [], 0
    for w, g in zip(wanted, found, strict=True):
        digits = len(w.group().split(".")[1].lower().split("e")[0]) if "." in w.group() else 0
        close = abs(float(w.group()) - float(g.group())) <= 0.5 * 10 ** (
            -digits + _exponent(w.group())
        )
        pieces.append(got[end : g.start()] + (w.group() if close else g.group()))
        end = g.end()
    return checker.check_output(want, "".join(pieces) + got[end:], flags)


def _exponent(number: str) -> int:
    return int(number.lower().split("e")[1]) if "e" in number.lower() else 0


# ---- reading a README --------------------------------------------------------------------------


def read_sections(path: Path, kinds: dict[str, Kind]) -> list[Section]:
    """Split a README into sections of prose and example blocks (the intro is section 0)."""
    text = path.read_text(encoding="utf-8")
    headings = list(_HEADING.finditer(text))
    bounds = [0] + [m.start() for m in headings] + [len(text)]
    sections = []
    for i, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
        if i == 0:
            section, body_start = Section(0, "Introduction"), start
        else:
            match = headings[i - 1]
            number = match.group("number")
            section = Section(int(number) if number else None, match.group("title").strip())
            body_start = match.end()
        line = text.count("\n", 0, body_start) + 1
        section.parts = _split_parts(text[body_start:end], line, kinds)
        sections.append(section)
    return sections


def _split_parts(chunk: str, first_line: int, kinds: dict[str, Kind]) -> list[str | Block]:
    """Prose and blocks of one section, in order; code listings that are not examples stay prose."""
    parts: list[str | Block] = []
    prose_start = 0

    def add_prose(end: int) -> None:
        # bare `>>>` paragraphs (no fence) are examples too, as doctest sees them
        line = first_line + chunk.count("\n", 0, prose_start)
        pending: list[Example] = []
        for piece in doctest.DocTestParser().parse(chunk[prose_start:end]):
            if isinstance(piece, doctest.Example):
                pending.append(_from_doctest(piece, line))
            elif piece.strip():
                if pending:
                    parts.append(Block(pending))
                    pending = []
                parts.append(piece)
        if pending:
            parts.append(Block(pending))

    for fence in _FENCE.finditer(chunk):
        lang = fence.group("lang") or ""
        kind = kinds.get(lang)
        if kind is None:
            continue
        body_line = first_line + chunk.count("\n", 0, fence.start("body"))
        examples = kind.examples(fence.group("body"), body_line)
        if examples is None:
            continue
        add_prose(fence.start())
        parts.append(Block(examples, lang if lang != "pycon" else "python"))
        prose_start = fence.end()
    add_prose(len(chunk))
    return [p for p in parts if isinstance(p, Block) or p.strip()]


def _from_doctest(example: doctest.Example, first_line: int) -> Example:
    """A parsed doctest example as ours (`first_line`: the README line its text starts on)."""
    return Example(
        example.source.rstrip("\n"),
        example.want,
        first_line + example.lineno,
        example.exc_msg,
        example.options,
    )


# ---- the notebook ------------------------------------------------------------------------------

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
# The README's code, as doctest runs it: bare expressions show values (B015, B018), imports
# come where the story needs them (I001, F401: some only show what a module offers), `a; b`.
_LINT = (
    "# ruff: noqa: B015, B018, E401, E501, E702, F401, I001 (the lesson's code, as in README.md)"
)


def _markdown_cell(text: str) -> str:
    lines = text.strip("\n").splitlines()
    return "# %% [markdown]\n" + "\n".join(("# " + line).rstrip() for line in lines) + "\n"


def notebook_text(sections: list[Section], kinds: dict[str, Kind]) -> str:
    """The lesson as a jupytext percent-format notebook (text only, no outputs)."""
    cells: list[str] = []
    first_code = True
    for section in sections:
        heading = "" if section.number == 0 else f"## {section.heading}"
        pending_heading = heading
        for part in section.parts:
            if isinstance(part, Block):
                if pending_heading:
                    cells.append(_markdown_cell(pending_heading))
                    pending_heading = ""
                for source in kinds[part.kind].cells(part.examples):
                    if first_code:
                        source = f"{_LINT}\n{GENERATED}\n{source}"
                        first_code = False
                    cells.append("# %%\n" + source + "\n")
                continue
            text = (pending_heading + "\n\n" if pending_heading else "") + part.strip("\n")
            pending_heading = ""
            cells.append(_markdown_cell(text))
        if pending_heading:
            cells.append(_markdown_cell(pending_heading))
    return _HEADER + "\n" + "\n".join(cells)


# ---- the walk-through --------------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    """What the walk-through shows."""

    sections: tuple[int, ...] = ()  # numbered sections to show; empty shows the whole lesson
    prose: bool = True  # print the lesson text between the examples
    width: int | None = None  # console width; None follows the terminal (or COLUMNS)
    extras: bool = True  # run the chapter's step after the lesson (a training run, a benchmark)


@dataclass
class Tally:
    """How many examples of a section ran, and the README lines of those that differed."""

    section: Section
    run: int = 0
    differing: list[int] = field(default_factory=list)


# After the lesson: a chapter's own step, given the console and the walk-through's Config.
AfterLesson = Callable[["object", Config], None]


class Lesson:
    """A chapter's lesson: its README, its kinds of example, its notebook and its walk-through.

    A chapter's `__main__.py` is

        LESSON = Lesson(Path(__file__).parent)            # after=..., kinds={...} if needed
        if __name__ == "__main__":
            sys.exit(LESSON.main())
    """

    def __init__(
        self,
        folder: Path,
        *,
        kinds: dict[str, Kind] | None = None,
        after: AfterLesson | None = None,
        after_help: str = "",
        namespace: Callable[[], dict] | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.readme = self.folder / "README.md"
        self.notebook = self.folder / "notebook.py"
        python = PythonKind()
        self.kinds: dict[str, Kind] = {"python": python, "pycon": python, **(kinds or {})}
        self.after = after
        self.after_help = after_help
        self._namespace = namespace or (lambda: {"__name__": "__lesson__"})

    @property
    def package(self) -> str:
        """The dotted package name, from the folder's place under the repository root."""
        parts = self.folder.resolve().parts
        return ".".join(parts[parts.index("chapters") :]) if "chapters" in parts else parts[-1]

    def sections(self) -> list[Section]:
        """The README, read into sections."""
        return read_sections(self.readme, self.kinds)

    def namespace(self) -> dict:
        """A fresh namespace for the examples (one for the whole lesson, as in the doctest)."""
        return self._namespace()

    def to_notebook(self) -> str:
        """The notebook text generated from the README."""
        return notebook_text(self.sections(), self.kinds)

    def write_notebook(self) -> bool:
        """Rewrite notebook.py from the README; True when it changed."""
        text = self.to_notebook()
        old = self.notebook.read_text(encoding="utf-8") if self.notebook.exists() else None
        if old != text:
            self.notebook.write_text(text, encoding="utf-8")
        return old != text

    # -- running

    def walk(self, config: Config, console) -> list[Tally]:
        """Run the examples in order, up to the last chosen section (the earlier ones set up the
        namespace); print the chosen sections; return a Tally per section that ran examples."""
        from rich.markdown import Markdown

        namespace = self.namespace()
        tallies = []
        sections = self.sections()
        if config.sections:
            last = max(i for i, s in enumerate(sections) if s.number in config.sections)
            sections = sections[: last + 1]
        for section in sections:
            shown = not config.sections or section.number in config.sections
            if shown and section.number != 0:
                print_title(console, section.label)
            tally = Tally(section)
            for part in section.parts:
                if isinstance(part, str):
                    if shown and config.prose:
                        _print_prose(console, part, Markdown)
                    continue
                kind = self.kinds[part.kind]
                outputs = [kind.run(e, namespace) for e in part.examples]
                tally.run += len(outputs)
                wrong = [
                    (e, got)
                    for e, got in zip(part.examples, outputs, strict=True)
                    if not kind.matches(e, got)
                ]
                tally.differing += [e.lineno for e, _ in wrong]
                if shown:
                    _print_block(console, kind, part.examples, outputs, wrong)
            if tally.run:
                tallies.append(tally)
        return tallies

    def parse_args(self, argv: list[str]) -> Config:
        """Command-line arguments to a Config."""
        numbers = sorted({s.number for s in self.sections() if s.number})
        parser = argparse.ArgumentParser(
            prog=f"python -m {self.package}",
            description="Run the lesson's examples (README.md), each printed with its real output.",
        )
        parser.add_argument(
            "sections",
            nargs="*",
            type=int,
            help=f"section numbers to show ({numbers[0]}-{numbers[-1]})"
            if numbers
            else "section numbers to show",
        )
        parser.add_argument("--no-prose", action="store_true", help="show only code and results")
        parser.add_argument("--width", type=int, default=None, help="console width in characters")
        if self.after:
            parser.add_argument(
                "--lesson-only",
                action="store_true",
                help=f"skip the step after the lesson: {self.after_help}",
            )
        args = parser.parse_args(argv)
        unknown = sorted(set(args.sections) - set(numbers))
        if unknown:
            parser.error(f"no section {unknown}; the sections are {numbers}")
        return Config(tuple(args.sections), not args.no_prose, args.width,
                      not getattr(args, "lesson_only", False))  # fmt: skip

    def main(self, argv: list[str] | None = None, console=None) -> int:
        """The walk-through; exit status 1 when an example no longer gives what the README says."""
        from rich.console import Console

        config = self.parse_args(sys.argv[1:] if argv is None else argv)
        console = console or Console(width=config.width)
        tallies = self.walk(config, console)
        if self.after and config.extras:
            self.after(console, config)
        console.print()
        console.print(summary_table(tallies))
        line, status = ending(tallies)
        console.print(line, style="bold green" if status == 0 else "bold red", soft_wrap=True)
        return status


def ending(tallies: list[Tally]) -> tuple[str, int]:
    """The walk-through's last line and exit status, the same for every chapter."""
    total = sum(t.run for t in tallies)
    lines = [line for t in tallies for line in t.differing]
    if not lines:
        return f"{total} examples ran, all match the README", 0
    where = ", ".join(str(line) for line in lines)
    return f"{total} examples ran, {len(lines)} differ from the README (lines {where})", 1


def summary_table(tallies: list[Tally]):
    """One row per section: how many examples ran and whether all matched the README."""
    from rich.table import Table

    table = Table(title="Examples run (each is also a doctest of README.md)")
    table.add_column("section", overflow="fold")
    table.add_column("examples", justify="right")
    table.add_column("as in README", justify="center")
    for tally in tallies:
        verdict = "yes" if not tally.differing else f"[red]{len(tally.differing)} differ[/red]"
        table.add_row(tally.section.label, str(tally.run), verdict)
    return table


def print_title(console, label: str) -> None:
    """A section title, never cut: its own line, then a rule as wide as the console."""
    from rich.text import Text

    console.print()
    console.print(Text(label, style="bold cyan"), soft_wrap=True)
    console.rule(style="cyan")


def print_code(console, code: str, lexer: str) -> None:
    """Highlighted code, never wrapped or cut: a long line overflows the terminal instead."""
    from rich.syntax import Syntax

    syntax = Syntax(code, lexer, theme="ansi_dark", background_color="default")
    text = syntax.highlight(code)
    text.rstrip()
    console.print(text, soft_wrap=True)


def _print_prose(console, text: str, markdown) -> None:
    """Markdown prose; its code listings and tables are never cut (see print_code, _print_table)."""
    start = 0
    for fence in _FENCE.finditer(text):
        _print_text(console, text[start : fence.start()], markdown)
        console.print()
        print_code(console, fence.group("body").rstrip("\n"), fence.group("lang") or "text")
        console.print()
        start = fence.end()
    _print_text(console, text[start:], markdown)


def _print_text(console, text: str, markdown) -> None:
    """Markdown without code listings: paragraphs wrap, tables go to _print_table."""
    lines, rows = [], []
    for line in [*text.splitlines(), ""]:
        if line.lstrip().startswith("|"):
            if lines and "".join(lines).strip():
                console.print(markdown("\n".join(lines).strip()))
            lines = []
            rows.append(line.strip())
            continue
        if rows:
            _print_table(console, rows)
            rows = []
        lines.append(line)
    if "".join(lines).strip():
        console.print(markdown("\n".join(lines).strip()))


def _print_table(console, rows: list[str]) -> None:
    """A Markdown table as a table when it fits the console, else as its own text, uncut."""
    from rich.table import Table
    from rich.text import Text

    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
    cells = [[c.replace("`", "").replace("**", "") for c in row] for row in cells]
    header, body = cells[0], [r for r in cells[1:] if not all(set(c) <= set("-: ") for c in r)]
    table = Table(*header, show_edge=False)
    for row in body:
        table.add_row(*row)
    # each column as wide as its longest word, so cells wrap at spaces and no word is cut
    for column, texts in zip(table.columns, zip(*cells, strict=False), strict=False):
        column.min_width = max((len(word) for text in texts for word in text.split()), default=1)
    console.print()
    if sum(c.min_width for c in table.columns) + 3 * len(table.columns) <= console.width:
        console.print(table)
    else:
        for row in rows:
            console.print(Text(row), soft_wrap=True)
    console.print()


def _print_block(console, kind: Kind, examples, outputs, wrong) -> None:
    from rich.text import Text

    console.print()
    print_code(console, kind.transcript(examples, outputs), kind.lexer)
    for example, _got in wrong:
        console.print(Text(f"README line {example.lineno} expected instead:", style="bold red"))
        console.print(Text(example.want.rstrip("\n"), style="red"), soft_wrap=True)
    console.print()


# ---- finding a chapter's lesson, and the command line -------------------------------------------


def lesson_for(folder: Path) -> Lesson:
    """The Lesson that a chapter folder's `__main__.py` defines as LESSON (the plain one if none)."""
    folder = Path(folder)
    if not (folder / "README.md").is_file():
        raise FileNotFoundError(f"{folder} has no README.md: not a chapter folder")
    probe = Lesson(folder)
    if (folder / "__main__.py").is_file():
        module = importlib.import_module(probe.package + ".__main__")
        found = getattr(module, "LESSON", None)
        if isinstance(found, Lesson):
            return found
    return probe


def is_generated(notebook: Path) -> bool:
    """True when the notebook was written by this engine (it carries the GENERATED line)."""
    return notebook.is_file() and GENERATED in notebook.read_text(encoding="utf-8")


def cli(argv: list[str] | None = None) -> int:
    """`python -m common.lesson [--check] FOLDER ...`: rewrite (or check) the chapters' notebooks."""
    parser = argparse.ArgumentParser(prog="python -m common.lesson", description=cli.__doc__)
    parser.add_argument(
        "folders", nargs="+", type=Path, help="chapter folders, e.g. chapters/ch01_tensors"
    )
    parser.add_argument("--check", action="store_true", help="only say which notebooks are stale")
    args = parser.parse_args(argv)
    stale = []
    for folder in args.folders:
        lesson = lesson_for(folder)
        if args.check:
            current = (
                lesson.notebook.read_text(encoding="utf-8") if lesson.notebook.exists() else ""
            )
            if current != lesson.to_notebook():
                stale.append(lesson.notebook)
        elif lesson.write_notebook():
            print(f"wrote {lesson.notebook}")
        else:
            print(f"{lesson.notebook} is up to date")
    for path in stale:
        print(f"{path} is stale: run `.venv/bin/python -m common.lesson {path.parent}`")
    return 1 if stale else 0


if __name__ == "__main__":
    # Run the importable module's cli, not this copy's: under `python -m` this file is also
    # `__main__`, whose Lesson class is not the one the chapters subclass and instantiate.
    from common.lesson import cli as imported_cli

    sys.exit(imported_cli())
