"""The pandas-vs-MySQL benchmark script: its arguments, its helpers and one real run."""

import pandas as pd
import pytest

from chapters.sqlkit import bench


def test_sizes_and_bad_arguments():
    assert bench.sizes_up_to(100_000) == [1000, 10_000, 100_000]
    assert bench.sizes_up_to(5000) == [1000]
    with pytest.raises(ValueError, match="at least 1000"):
        bench.sizes_up_to(10)
    with pytest.raises(ValueError, match="no exercise"):
        bench.select(None, "no_such_exercise")


def test_plain_column_sends_null_and_dates_as_the_driver_wants():
    ints = pd.Series([1, None], dtype="Int64")
    assert bench.plain_column(ints) == [1, None]
    days = pd.Series(pd.to_datetime(["2024-02-29", None]))
    assert bench.plain_column(days) == ["2024-02-29", None]


def test_the_benchmark_runs_end_to_end(mysql_available, tmp_path):
    args = ["--slug", "article_views_i", "--max-rows", "1000", "--repeats", "1"]
    assert bench.main([*args, "--out", str(tmp_path)]) == 0
    assert (tmp_path / "sql_bench.png").stat().st_size > 0
    lines = (tmp_path / "sql_bench.csv").read_text().splitlines()
    assert lines[0].startswith("number,slug,rows") and len(lines) == 2
    assert lines[1].startswith("1148,article_views_i,1000,") and lines[1].endswith(",yes")


def test_the_sql_benchmark_does_not_load_torch():
    import subprocess
    import sys

    code = "import sys, chapters.sqlkit.bench; print(sorted(m for m in sys.modules if m == 'torch'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
