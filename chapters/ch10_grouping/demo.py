"""The lesson's small Sales table, as a DataFrame and as a table on the server."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.engine import Connection

from common import db

SALES_DDL = """
CREATE TABLE Sales (
    sale_id INT NOT NULL,
    day DATE NOT NULL,
    seller VARCHAR(50),
    item VARCHAR(50) NOT NULL,
    amount INT NOT NULL,
    PRIMARY KEY (sale_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
"""

# Deliberate edge cases: 'pen' and 'Pen' (case), two sales with no seller (NULL key).
_ROWS = [
    (1, "2024-05-01", "Ana", "pen", 3),
    (2, "2024-05-01", "Ana", "Pen", 4),
    (3, "2024-05-01", "Bo", "apple", 10),
    (4, "2024-05-02", "Ana", "Banana", 2),
    (5, "2024-05-02", "Bo", "pen", 5),
    (6, "2024-05-02", None, "cup", 7),
    (7, "2024-05-02", None, "apple", 1),
    (8, "2024-05-03", "Cy", "Zip", 8),
]


def sales() -> pd.DataFrame:
    """The Sales table as a DataFrame (a fresh copy each call)."""
    frame = pd.DataFrame(_ROWS, columns=["sale_id", "day", "seller", "item", "amount"])
    return frame.assign(day=pd.to_datetime(frame["day"]))


def load(conn: Connection) -> None:
    """(Re)create Sales in `conn`'s database and fill it with the same rows."""
    db.execute_raw(conn, "DROP TABLE IF EXISTS Sales").close()
    db.execute_script(conn, SALES_DDL)
    db.insert_frame(conn, "Sales", sales())
