"""Walk-through of chapter 8: ranking next to window functions, then every exercise both ways."""

import sys

from rich.columns import Columns
from rich.console import Console
from rich.panel import Panel
from rich.syntax import Syntax

from chapters.ch08_data_manipulation.ranking import rank_table, ranking_sql
from chapters.sqlkit import get
from chapters.sqlkit.walkthrough import begin, frame_table, run_chapter
from common import db

INTRO = """
Data manipulation, twice: pandas and MySQL side by side.
First the four tie rules of rank(method=...) next to RANK/DENSE_RANK/ROW_NUMBER, and how the
mysql client's DELIMITER becomes one CREATE FUNCTION statement; then each exercise (176, 177,
178, 184, 196, 1795) with its pandas and SQL solutions and both results.
"""


def show_ranking(console: Console) -> None:
    """The example scores of 178 ranked by pandas (every method) and by the server."""
    exercise = get("rank_scores")
    scores = exercise.example_frames()["Scores"]
    ordered = scores.sort_values(["score", "id"], ascending=[False, True], na_position="last")
    from_pandas = rank_table(ordered["score"])
    query = ranking_sql("Scores", "score", "id")
    with db.throwaway_database("ch08") as engine, engine.begin() as conn:
        exercise.load_examples(conn)
        from_sql = db.query_frame(conn, query)
    console.rule("[bold]Ranking: rank(method=...) next to window functions")
    console.print(Panel(Syntax(query, "sql", theme="ansi_dark", word_wrap=True), title="MySQL"))
    console.print(
        Columns(
            [
                frame_table(from_pandas, "pandas: rank(method=..., ascending=False)"),
                frame_table(from_sql, "MySQL: RANK / DENSE_RANK / ROW_NUMBER"),
            ]
        )
    )
    console.print(
        "'average' (pandas' default) has no SQL twin; 'min' = RANK, 'dense' = DENSE_RANK, "
        "'first' = ROW_NUMBER. The NULL score: rank() gives NaN, the server ranks it last (na_option='bottom' agrees)."
    )


def show_delimiter(console: Console) -> None:
    """How the mysql client's DELIMITER turns the 177 script into two statements."""
    script = get("nth_highest_salary").solution_sql
    statements = db.split_statements(script)
    console.rule("[bold]DELIMITER: a client command, not SQL")
    console.print(f"The script of 177 becomes {len(statements)} statements for the server:")
    for i, statement in enumerate(statements, start=1):
        console.print(Panel(Syntax(statement, "sql", theme="ansi_dark", word_wrap=True), title=f"statement {i}"))


def main() -> int:
    console = begin(8, INTRO)
    if console is None:
        return 1
    show_ranking(console)
    show_delimiter(console)
    return run_chapter(8)


if __name__ == "__main__":
    sys.exit(main())
