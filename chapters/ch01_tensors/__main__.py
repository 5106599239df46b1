"""Walk-through: `python -m chapters.ch01_tensors [N ...] [--no-prose]` runs the lesson's examples.

Every `>>>` example of README.md runs here, live, in order; each is printed with the output it
really gives. An output that differs from the README is flagged and makes the exit status 1.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from rich.console import Console
from rich.markdown import Markdown
from rich.rule import Rule
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from chapters.ch01_tensors.lesson import (
    Block,
    Example,
    Section,
    fresh_namespace,
    output_matches,
    read_lesson,
    run_example,
)


@dataclass(frozen=True)
class Config:
    """What the walk-through shows."""

    sections: tuple[int, ...] = ()  # numbered sections to show; empty shows the whole lesson
    prose: bool = True  # print the lesson text between the examples
    width: int | None = None  # console width; None follows the terminal


def _shown(section: Section, config: Config) -> bool:
    if not config.sections:
        return True
    return section.number in config.sections


def _prompted(source: str) -> str:
    lines = source.splitlines()
    return "\n".join([">>> " + lines[0]] + ["... " + line for line in lines[1:]])


def transcript(examples: list[Example], outputs: list[str]) -> str:
    """The block as an interactive session: each statement, then the output it really gave."""
    parts = []
    for example, got in zip(examples, outputs, strict=True):
        parts.append(_prompted(example.source))
        if got:
            parts.append(got.rstrip("\n"))
    return "\n".join(parts)


def _print_block(console: Console, examples: list[Example], outputs: list[str]) -> None:
    console.print()
    console.print(
        Syntax(
            transcript(examples, outputs),
            "pycon",
            theme="ansi_dark",
            background_color="default",
            word_wrap=True,
        )
    )
    for example, got in zip(examples, outputs, strict=True):
        if not output_matches(example.want, got):
            console.print(Text(f"README line {example.lineno} expected instead:", style="bold red"))
            console.print(Text(example.want.rstrip("\n"), style="red"))
    console.print()


def _title(section: Section) -> str:
    name = section.title.replace("`", "")
    return f"{section.number}. {name}" if section.number else name


def walk(config: Config, console: Console) -> list[tuple[Section, int, int]]:
    """Run every example; print the chosen sections; return (section, run, differing) counts."""
    namespace = fresh_namespace()
    counts = []
    for section in read_lesson():
        shown = _shown(section, config)
        if shown and section.number != 0:
            console.print(Rule(Text(_title(section), style="bold cyan")))
        run = differing = 0
        for part in section.parts:
            if isinstance(part, Block):
                outputs = [run_example(e.source, namespace) for e in part.examples]
                run += len(outputs)
                differing += sum(
                    not output_matches(e.want, got)
                    for e, got in zip(part.examples, outputs, strict=True)
                )
                if shown:
                    _print_block(console, part.examples, outputs)
            elif shown and config.prose:
                console.print(Markdown(part.strip()))
        if run:
            counts.append((section, run, differing))
    return counts


def summary(counts: list[tuple[Section, int, int]]) -> Table:
    """One row per section: how many examples ran and whether all matched the README."""
    table = Table(title="Examples run (each is also a doctest in README.md)")
    table.add_column("section")
    table.add_column("examples", justify="right")
    table.add_column("as in README", justify="center")
    for section, run, differing in counts:
        table.add_row(
            _title(section), str(run), "yes" if not differing else f"[red]{differing} differ[/red]"
        )
    return table


def parse_args(argv: list[str]) -> Config:
    """Command-line arguments to a Config."""
    parser = argparse.ArgumentParser(prog="python -m chapters.ch01_tensors", description=__doc__)
    parser.add_argument("sections", nargs="*", type=int, help="section numbers (1-8) to show")
    parser.add_argument("--no-prose", action="store_true", help="show only code and results")
    parser.add_argument("--width", type=int, default=None, help="console width in characters")
    args = parser.parse_args(argv)
    numbers = {s.number for s in read_lesson() if s.number}
    unknown = sorted(set(args.sections) - numbers)
    if unknown:
        parser.error(f"no section {unknown}; the sections are {sorted(numbers)}")
    return Config(tuple(args.sections), not args.no_prose, args.width)


def main(argv: list[str] | None = None, console: Console | None = None) -> int:
    """Run the walk-through; exit status 1 when an example no longer prints what the README says."""
    config = parse_args(sys.argv[1:] if argv is None else argv)
    console = console or Console(width=config.width)
    counts = walk(config, console)
    console.print(summary(counts))
    return 1 if any(differing for _, _, differing in counts) else 0


if __name__ == "__main__":
    sys.exit(main())
