"""The exercise part of every SQL walk-through: each exercise, pandas and MySQL side by side.

The lesson part, and the walk-through as a whole, is chapters/sqlkit/lesson.py.
"""

from __future__ import annotations

import pandas as pd
from rich.columns import Columns
from rich.console import Console, Group
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from chapters.sqlkit import db
from chapters.sqlkit.exercise import Exercise
from chapters.sqlkit.frames import frame_differences


def reflow(text: str) -> str:
    """Join each paragraph's lines, so the terminal, not the source file, decides the breaks."""
    return "\n\n".join(" ".join(p.split()) for p in text.strip().split("\n\n"))


def cell_text(value, width: int = 200) -> str:
    """A cell as text, a long one cut to `width` characters with its length said."""
    text = "NULL" if pd.api.types.is_scalar(value) and pd.isna(value) else str(value)
    return text if len(text) <= width else f"{text[:width]}... ({len(text):,} characters)"


def frame_table(frame: pd.DataFrame, title: str, max_rows: int = 12, max_columns: int = 20) -> Table:
    """A DataFrame as a rich table (NULL/NaN shown as NULL), a huge one cut to its start."""
    table = Table(title=title, title_justify="left", show_lines=False)
    shown = frame.iloc[:max_rows, :max_columns]
    for column in shown.columns:
        table.add_column(cell_text(column, 60), overflow="fold")  # a narrow terminal folds
    if len(frame.columns) > max_columns:
        table.add_column(f"... {len(frame.columns) - max_columns} more")
    for row in shown.astype(object).itertuples(index=False, name=None):
        more = ["..."] if len(frame.columns) > max_columns else []
        table.add_row(*(Text(cell_text(v)) for v in row), *more)  # Text: no markup
    if len(frame) > max_rows:
        table.add_row(*(["..."] * len(table.columns)))
    return table


def side_by_side(console: Console, sources: dict[str, str]):
    """Code panels next to each other when they fit the terminal, else one under the other.

    Lines that are still too wide wrap: a code line is never cut short.
    """
    language = {"pandas": "python", "MySQL": "sql"}
    panels = [
        Panel(Syntax(code, language.get(title, "text"), theme="ansi_dark", word_wrap=True), title=title)
        for title, code in sources.items()
    ]
    widest = max(len(line) for code in sources.values() for line in code.splitlines()) + 4
    return Columns(panels) if widest * len(panels) <= console.width else Group(*panels)


def show_exercise(console: Console, exercise: Exercise) -> bool:
    """Print one exercise both ways; return True when pandas, SQL and the expectation agree."""
    console.print()  # the title on its own line, never cut, then a rule as wide as the console
    console.print(
        Text(f"{exercise.number}. {exercise.title} ({exercise.slug})", style="bold"), soft_wrap=True
    )
    console.rule()
    console.print(reflow(exercise.statement))
    frames = exercise.example_frames()
    console.print(Columns([frame_table(f, f"input: {name}") for name, f in frames.items()]))

    pandas_result = exercise.run_pandas(frames)
    engine = db.get_engine(exercise.database)
    try:
        with engine.begin() as conn:
            exercise.load_examples(conn)
            sql_result = exercise.run_sql(conn)
    finally:
        engine.dispose()
    console.print(side_by_side(console, {"pandas": exercise.pandas_source, "MySQL": exercise.solution_sql}))
    console.print(
        Columns([frame_table(pandas_result, "pandas result"), frame_table(sql_result, "SQL result")])
    )
    expected = exercise.expected()
    problems = frame_differences(pandas_result, expected, check_order=exercise.ordered)
    problems += frame_differences(sql_result, expected, check_order=exercise.ordered)
    if problems:
        console.print("[red]differs from the expected output:[/]\n  " + "\n  ".join(problems))
        return False
    console.print("[green]pandas == MySQL == expected[/]")
    return True
