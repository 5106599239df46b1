"""Walk-through of chapter 10: NULL keys and collations shown both ways, then every exercise."""

import sys

import pandas as pd
from rich.columns import Columns
from rich.console import Console
from rich.panel import Panel
from rich.syntax import Syntax

from chapters.ch10_grouping import demo
from chapters.sqlkit.walkthrough import begin, frame_table, run_chapter
from common import db

INTRO = """
Grouping, twice: pandas' groupby(...).agg(...) next to MySQL's GROUP BY. First two places where
they part ways on the lesson's Sales table (NULL keys, and case under utf8mb4_unicode_ci), then
each exercise of the chapter, by problem number, with both solutions and both results.
"""

# (title, pandas code, SQL), each run on the lesson's Sales table.
COMPARISONS = [
    (
        "NULL keys: GROUP BY keeps them, groupby drops them unless dropna=False",
        'sales.groupby("seller", as_index=False, dropna=False).agg(total=("amount", "sum"))',
        "SELECT seller, SUM(amount) AS total FROM Sales GROUP BY seller ORDER BY seller",
    ),
    (
        "Case: utf8mb4_unicode_ci makes 'pen' and 'Pen' one group; pandas does not",
        'sales.groupby("item", as_index=False).agg(n=("sale_id", "size"))',
        "SELECT LOWER(item) AS folded, COUNT(*) AS n FROM Sales GROUP BY item ORDER BY folded",
    ),
    (
        "Order: the collation ignores case; Python sorts by code point (COLLATE utf8mb4_bin)",
        'sales.loc[sales["day"] == "2024-05-02", ["item"]].sort_values("item")',
        "SELECT item FROM Sales WHERE day = '2024-05-02' ORDER BY item",
    ),
]


def show_comparisons(console: Console) -> None:
    """Each comparison: the code both ways and both results, side by side."""
    sales = demo.sales()
    with db.throwaway_database("ch10") as engine, engine.begin() as conn:
        demo.load(conn)
        for title, code, sql in COMPARISONS:
            from_pandas = eval(code, {"sales": sales, "pd": pd})  # our own fixed strings
            from_sql = db.query_frame(conn, sql)
            console.rule(f"[bold]{title}")
            console.print(Panel(Syntax(code, "python", theme="ansi_dark", word_wrap=True), title="pandas"))
            console.print(Panel(Syntax(sql, "sql", theme="ansi_dark", word_wrap=True), title="MySQL"))
            console.print(
                Columns([frame_table(from_pandas, "pandas result"), frame_table(from_sql, "SQL")])
            )


def main() -> int:
    console = begin(10, INTRO)
    if console is None:
        return 1
    sales = demo.sales()
    console.print(frame_table(sales.assign(day=sales["day"].dt.date), "the lesson's Sales table"))
    show_comparisons(console)
    return run_chapter(10)


if __name__ == "__main__":
    sys.exit(main())
