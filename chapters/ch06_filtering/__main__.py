"""Walk-through: every chapter 6 exercise in pandas and in SQL, then the NOT IN trap, live."""

import sys

from rich.console import Console
from rich.syntax import Syntax

from chapters.sqlkit import get
from chapters.sqlkit.walkthrough import frame_table, run_chapter
from common import db

INTRO = """
Filtering: WHERE next to a boolean mask, IS NULL next to isna, DISTINCT next to
drop_duplicates, ORDER BY next to sort_values, and anti-joins. Each exercise below runs twice,
in pandas and on the MySQL-family server, and both answers are compared with the expected
output written by hand. The lesson is chapters/ch06_filtering/README.md.
"""

NAIVE = """SELECT name AS Customers
FROM Customers
WHERE id NOT IN (SELECT customerId FROM Orders);"""


def show_not_in_trap(console: Console) -> None:
    """183's example tables hold an order with no customerId: NOT IN then returns nothing."""
    exercise = get("customers_who_never_order")
    console.rule("[bold]Trap: NOT IN with a NULL in the list[/]")
    engine = db.get_engine(exercise.database)
    try:
        with engine.begin() as conn:
            exercise.load_examples(conn)
            naive = db.query_frame(conn, NAIVE)
            orders = db.query_frame(conn, "SELECT customerId FROM Orders")
    finally:
        engine.dispose()
    console.print(frame_table(orders, "Orders"))
    console.print(Syntax(NAIVE, "sql", theme="ansi_dark"))
    console.print(f"-> {len(naive)} rows: x NOT IN (..., NULL) is never true. NOT EXISTS gives 4.")


def main() -> int:
    status = run_chapter(6, INTRO)
    if status == 0:
        show_not_in_trap(Console())
    return status


if __name__ == "__main__":
    sys.exit(main())
