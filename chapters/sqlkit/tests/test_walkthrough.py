"""The walk-through prints values as they are: regex classes are not taken for rich markup."""

import pandas as pd
from rich.console import Console

from chapters.sqlkit.walkthrough import frame_table


def test_frame_table_shows_brackets_literally():
    console = Console(record=True, width=60)
    console.print(frame_table(pd.DataFrame({"p": ["^[a-z]+$", None]}), "patterns"))
    text = console.export_text()
    assert "^[a-z]+$" in text and "NULL" in text

