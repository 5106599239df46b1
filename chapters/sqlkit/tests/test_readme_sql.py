"""chapters.sqlkit.readme_sql: how a README's SQL block announces its rows or its error."""

import pandas as pd

from chapters.sqlkit.readme_sql import parse_block


def test_rows_are_python_literals_and_iso_dates_become_timestamps():
    example = parse_block("SELECT d, n FROM T;\n-- => ('2024-05-01', 3)\n-- => (None, 0)\n")
    assert example.sql == "SELECT d, n FROM T;"
    assert example.rows == [(pd.Timestamp("2024-05-01"), 3), (None, 0)]
    assert example.error is None and not example.ordered


def test_no_rows_error_and_order():
    assert parse_block("SELECT 1 FROM T WHERE FALSE;\n-- => no rows").rows == []
    assert parse_block("-- error 1055\nSELECT a, b FROM T GROUP BY a;").error == 1055
    assert parse_block("SELECT a FROM T ORDER BY a;").ordered
    # an ORDER BY inside GROUP_CONCAT(...) does not order the rows
    assert not parse_block("SELECT GROUP_CONCAT(a ORDER BY a) FROM T GROUP BY b;").ordered
    assert parse_block("SELECT 1;").rows is None  # announces nothing: it only has to run
