"""The lesson engine of the SQL chapters: common.lesson, plus the README's ```sql blocks.

A SQL chapter's `__main__.py` is

    LESSON = SqlLesson(Path(__file__).parent)
    if __name__ == "__main__":
        sys.exit(LESSON.main())

and its README is the single source. The walk-through runs the `>>>` examples and the ```sql
blocks in README order (the SQL on a throwaway database, see chapters/sqlkit/readme_sql.py for
how a block announces its rows and sets up its tables), prints each with its real output, then
shows every exercise of the chapter in pandas and in SQL. It ends, in every SQL chapter, with
two lines: "N examples ran, all match the README" and "k/k exercises agree". The notebook
(`python -m common.lesson chapters/chNN_x`) runs each SQL block with `sql(...)` below.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from chapters import CATALOG
from chapters.sqlkit import db
from chapters.sqlkit.readme_sql import (
    SqlExample,
    SqlResult,
    differences,
    is_announcement,
    parse_block,
    run_block,
)
from common.lesson import GENERATED, Example, Kind, Lesson


class LessonDatabase:
    """A throwaway database where a lesson's SQL blocks run one after another, as a reader would
    type them into a mysql client. Created on first use; close() (or the end of the process)
    drops it, and the next use creates a fresh one."""

    def __init__(self, prefix: str = "lesson") -> None:
        self.prefix = prefix
        self._stack: contextlib.ExitStack | None = None
        self._engine: Engine | None = None
        atexit.register(self.close)

    @property
    def engine(self) -> Engine:
        """The database's engine (the database is created here, on first use)."""
        if self._engine is None:
            self._stack = contextlib.ExitStack()
            self._engine = self._stack.enter_context(db.throwaway_database(self.prefix))
        return self._engine

    def run(self, example: SqlExample) -> SqlResult:
        """Run one parsed block (loading the exercise tables it names first). The throwaway
        database's random name is left out of error messages, so that they read the same."""
        result = run_block(self.engine, example)
        name = f"{self.engine.url.database}."
        if name in result.message:
            result = replace(result, message=result.message.replace(name, ""))
        return result

    def __call__(self, block: str) -> pd.DataFrame | None:
        """Run a README block as the notebook does: return its rows, say what the lesson expects.

        An error the block announces (`-- error N`) is printed; any other error is raised. Rows
        that differ from the announced ones are shown, with a note, not raised: edit and rerun.
        """
        example = parse_block(block)
        result = self.run(example)
        if result.error is not None and result.error != example.error:
            raise RuntimeError(f"the server refused it: error {result.error}: {result.message}")
        if result.error is not None:
            print(f"error {result.error}, as the lesson says: {result.message}")
            return None
        problems = differences(example, result)
        if problems:
            print("not what the lesson shows:\n  " + "\n  ".join(problems))
        return result.frame

    def close(self) -> None:
        """Drop the database (nothing if it was never used)."""
        if self._stack is not None:
            stack, self._stack, self._engine = self._stack, None, None
            stack.close()


# What the generated notebooks call: sql("""SELECT ...""").
sql = LessonDatabase("notebook")


# ---- the ```sql kind of example --------------------------------------------------------------


@dataclass
class SqlStatement(Example):
    """A ```sql block as an example: `source` is its SQL (and `-- tables:` line), `want` the
    lines that announce its result, `block` the whole block as the README writes it."""

    block: str = ""
    parsed: SqlExample | None = field(default=None, repr=False)


class SqlOutput(str):
    """A block's real output as text, carrying how it differs from the announced one."""

    problems: list[str]

    def __new__(cls, text: str, problems: list[str]) -> SqlOutput:
        made = super().__new__(cls, text)
        made.problems = problems
        return made


def literal(value: object) -> str:
    """A value as a README row writes it: Python literals, dates as ISO strings."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return repr(value.isoformat(sep=" "))
    if isinstance(value, dt.date):
        return repr(value.isoformat())
    return repr(value)


def announce(result: SqlResult) -> str:
    """The server's answer written the way a README block announces one."""
    if result.error is not None:
        return f"-- error {result.error}: {result.message}"
    if result.frame is None:
        return ""
    lines = ["-- columns: " + ", ".join(map(str, result.frame.columns))]
    rows = list(result.frame.itertuples(index=False, name=None))
    for row in rows:
        text = ", ".join(literal(v) for v in row)
        lines.append(f"-- => ({text},)" if len(row) == 1 else f"-- => ({text})")
    if not rows:
        lines.append("-- => no rows")
    return "\n".join(lines)


class SqlKind(Kind):
    """```sql blocks: run on the lesson's database, compared with the rows they announce."""

    lexer = "sql"

    def __init__(self) -> None:
        self.database: LessonDatabase | None = None  # set by SqlLesson.main for one walk

    def examples(self, body: str, first_line: int) -> list[Example] | None:
        lines = body.rstrip("\n").splitlines()
        source = "\n".join(line for line in lines if not is_announcement(line))
        want = "\n".join(line for line in lines if is_announcement(line))
        return [SqlStatement(source, want, first_line, block=body, parsed=parse_block(body))]

    def run(self, example: Example, namespace: dict) -> str:
        if self.database is None:
            raise RuntimeError("SQL blocks run inside SqlLesson.main (it opens the database)")
        parsed = example.parsed if isinstance(example, SqlStatement) else parse_block(example.source)
        result = self.database.run(parsed)
        return SqlOutput(announce(result), differences(parsed, result))

    def matches(self, example: Example, got: str) -> bool:
        return isinstance(got, SqlOutput) and not got.problems

    def cells(self, examples: list[Example]) -> list[str]:
        cells = []
        for example in examples:
            block = example.block if isinstance(example, SqlStatement) else example.source
            if '"""' in block:
                raise ValueError(f"README line {example.lineno}: a SQL block may not hold '\"\"\"'")
            cells.append(f'sql(r"""\n{block.rstrip()}\n""")')
        return cells


# ---- a SQL chapter's lesson -----------------------------------------------------------------

_NOTEBOOK_SETUP = (
    "from chapters.sqlkit.lesson import sql  # runs each SQL block on a throwaway database"
)
_NOTEBOOK_END = "# %%\nsql.close()  # drops the lesson's throwaway database\n"


class SqlLesson(Lesson):
    """A SQL chapter's lesson: the README's examples and SQL blocks, then its exercises."""

    def __init__(self, folder: Path) -> None:
        self.sql_kind = SqlKind()
        super().__init__(
            folder,
            kinds={"sql": self.sql_kind},
            after=self._show_exercises,
            after_help="every exercise, in pandas and in SQL",
        )
        self.agreed: list[bool] = []

    @property
    def chapter(self) -> int:
        """The chapter's number, from the catalog."""
        for entry in CATALOG:
            if entry.package == self.folder.resolve().name:
                return entry.number
        raise LookupError(f"{self.folder} is not in chapters.CATALOG")

    def sql_blocks(self) -> list[SqlStatement]:
        """Every ```sql block of the README, in order."""
        return [
            example
            for section in self.sections()
            for part in section.parts
            if not isinstance(part, str) and part.kind == "sql"
            for example in part.examples
        ]

    def run_sql_blocks(self, engine: Engine) -> list[tuple[SqlStatement, SqlResult]]:
        """Run every SQL block in README order on `engine`'s database, as the walk-through does
        (so afterwards it holds the lesson's tables); each block with what the server did."""
        return [(block, run_block(engine, block.parsed)) for block in self.sql_blocks()]

    def to_notebook(self) -> str:
        """The generated notebook, with `sql` imported in its first code cell and closed last."""
        text = super().to_notebook()
        if GENERATED + "\n" not in text:
            raise ValueError(f"{self.readme} has no example, so no code cell for the set-up")
        text = text.replace(GENERATED + "\n", f"{GENERATED}\n{_NOTEBOOK_SETUP}\n", 1)
        return text.rstrip("\n") + "\n\n" + _NOTEBOOK_END

    def _show_exercises(self, console, config) -> None:
        from chapters.sqlkit.registry import by_chapter
        from chapters.sqlkit.walkthrough import show_exercise

        console.print()
        console.rule("[bold]The exercises, in pandas and in SQL[/]")
        self.agreed = [show_exercise(console, exercise) for exercise in by_chapter(self.chapter)]

    def main(self, argv: list[str] | None = None, console=None) -> int:
        """The walk-through; exit status 0 when every example and every exercise agrees."""
        import sys

        from rich.console import Console

        config = self.parse_args(sys.argv[1:] if argv is None else argv)
        console = console or Console(width=config.width)
        try:
            db.wait_for_server(timeout=10)
        except db.ServerUnavailable as error:
            console.print(f"[red]{error}[/]")
            return 1
        self.agreed = []
        self.sql_kind.database = LessonDatabase(f"ch{self.chapter:02d}")
        try:
            status = super().main(argv, console)
        finally:
            self.sql_kind.database.close()
            self.sql_kind.database = None
        if not config.extras:
            return status
        agreed = sum(self.agreed)
        ok = agreed == len(self.agreed)
        line = f"{agreed}/{len(self.agreed)} exercises agree"
        console.print(line, style="bold green" if ok else "bold red", soft_wrap=True)
        return status or (0 if ok else 1)
