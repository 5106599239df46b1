"""Walk-through of chapter 11: NULL keys, zero counts and anti-joins both ways, then every exercise."""

import sys

from rich.columns import Columns
from rich.console import Console
from rich.panel import Panel
from rich.syntax import Syntax

from chapters.ch11_merging import demo
from chapters.sqlkit.walkthrough import begin, frame_table, run_chapter
from common import db

INTRO = """
Merging, twice: pandas' merge(how=...) next to MySQL's JOINs. First three places where they part
ways on the lesson's tables (NULL join keys, counting matches with zeros, anti-joins with a NULL
in the list), then each exercise, by problem number, with both solutions and results.
"""

# (title, pandas code, SQL), each run on the lesson's tables.
COMPARISONS = [
    (
        "NULL keys: merge matches NaN with NaN, SQL's = never matches NULL",
        'books.merge(prizes, on="author_id")[["title", "prize"]]',
        "SELECT b.title, p.prize FROM Books AS b JOIN Prizes AS p ON p.author_id = b.author_id",
    ),
    (
        "Counting matches with the zeros: a left join, then count a right-hand column",
        'authors.merge(books, on="author_id", how="left")'
        '.groupby("name", as_index=False).agg(books=("book_id", "count"))',
        "SELECT a.name, COUNT(b.book_id) AS books FROM Authors AS a "
        "LEFT JOIN Books AS b ON b.author_id = a.author_id GROUP BY a.author_id, a.name",
    ),
    (
        "Anti-join: ~isin is NOT EXISTS; NOT IN over a list holding NULL returns nothing",
        'authors.loc[~authors["author_id"].isin(books["author_id"]), ["name"]]',
        "SELECT name FROM Authors WHERE author_id NOT IN (SELECT author_id FROM Books)",
    ),
]


def show_comparisons(console: Console) -> None:
    """Each comparison: the code both ways and both results, side by side."""
    tables = {name.lower(): frame for name, frame in demo.tables().items()}
    with db.throwaway_database("ch11") as engine, engine.begin() as conn:
        demo.load(conn)
        for title, code, sql in COMPARISONS:
            from_pandas = eval(code, dict(tables))  # our own fixed strings
            from_sql = db.query_frame(conn, sql)
            console.rule(f"[bold]{title}")
            console.print(Panel(Syntax(code, "python", theme="ansi_dark", word_wrap=True), title="pandas"))
            console.print(Panel(Syntax(sql, "sql", theme="ansi_dark", word_wrap=True), title="MySQL"))
            console.print(
                Columns([frame_table(from_pandas, "pandas result"), frame_table(from_sql, "SQL")])
            )


def main() -> int:
    console = begin(11, INTRO)
    if console is None:
        return 1
    console.print(
        Columns([frame_table(frame, name) for name, frame in demo.tables().items()])
    )
    show_comparisons(console)
    return run_chapter(11)


if __name__ == "__main__":
    sys.exit(main())
