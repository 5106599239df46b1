"""The lesson's small Sales table as a DataFrame (the README's first SQL block makes it on the
server)."""

from __future__ import annotations

import pandas as pd

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
