"""Walk-through of chapter 9: counting and rounding on the server and in pandas, then the exercises."""

import sys

import pandas as pd
from rich.columns import Columns
from rich.console import Console
from rich.panel import Panel
from rich.syntax import Syntax

from chapters.ch09_statistics.counting import counts, counts_sql
from chapters.ch09_statistics.rounding import percentage_half_up
from chapters.sqlkit import get
from chapters.sqlkit.walkthrough import begin, frame_table, run_chapter
from common import db

INTRO = """
Statistics, twice: pandas and MySQL side by side. First the three COUNTs next to size, count
and nunique, and ROUND (half away from zero) next to pandas' round (half to even); then each
exercise (1173, 1907, 2082) with its pandas and SQL solutions and both results.
"""

ROUNDING_SQL = "SELECT ROUND(3.125, 2) AS a, ROUND(15.625, 2) AS b, ROUND(2.5) AS c, ROUND(-2.5) AS d"
ROUNDING_VALUES = [(3.125, 2), (15.625, 2), (2.5, 0), (-2.5, 0)]


def show_counting(console: Console, conn) -> None:
    """COUNT(*), COUNT(col), COUNT(DISTINCT col) of Store.customer_id, and their pandas twins."""
    store = get("number_of_rich_customers").example_frames()["Store"]
    query = counts_sql("Store", "customer_id")
    console.rule("[bold]Counting: COUNT(*) / COUNT(col) / COUNT(DISTINCT col)")
    console.print(Panel(Syntax(query, "sql", theme="ansi_dark", word_wrap=True), title="MySQL"))
    console.print(
        Columns(
            [
                frame_table(pd.DataFrame([counts(store["customer_id"])]), "pandas: size/count/nunique"),
                frame_table(db.query_frame(conn, query), "MySQL"),
            ]
        )
    )


def show_rounding(console: Console, conn) -> None:
    """The same ties rounded by the server and by pandas."""
    from_sql = db.query_frame(conn, ROUNDING_SQL)
    from_pandas = pd.DataFrame(
        [[pd.Series([v]).round(p).iloc[0] for v, p in ROUNDING_VALUES]], columns=list("abcd")
    )
    console.rule("[bold]Rounding: half away from zero (MySQL) vs half to even (pandas)")
    console.print(Panel(Syntax(ROUNDING_SQL, "sql", theme="ansi_dark", word_wrap=True), title="MySQL"))
    console.print(
        Columns([frame_table(from_pandas, "pandas: Series.round"), frame_table(from_sql, "MySQL")])
    )
    console.print(
        f"1173 rounds 5 of 32 orders exactly, half up: percentage_half_up(5, 32) = "
        f"{percentage_half_up(5, 32)}"
    )


def main() -> int:
    console = begin(9, INTRO)
    if console is None:
        return 1
    with db.throwaway_database("ch09") as engine, engine.begin() as conn:
        get("number_of_rich_customers").load_examples(conn)
        show_counting(console, conn)
        show_rounding(console, conn)
    return run_chapter(9)


if __name__ == "__main__":
    sys.exit(main())
