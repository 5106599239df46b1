"""The pandas-vs-MySQL benchmark script: its arguments, its helpers and one real run."""

import csv
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from chapters.sqlkit import bench, drivers, tuning
from chapters.sqlkit.registry import all_exercises

ROOT = Path(__file__).resolve().parents[3]


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


def test_growth_exponent_is_the_log_log_slope():
    assert bench.growth_exponent(1000, 0.01, 10_000, 0.1) == pytest.approx(1.0)
    assert bench.growth_exponent(1000, 0.01, 10_000, 1.0) == pytest.approx(2.0)
    assert bench.growth_exponent(10, 2.0, 1000, 2.0) == pytest.approx(0.0)
    assert math.isnan(bench.growth_exponent(1000, 0.0, 10_000, 1.0))


def test_growth_exponents_follow_each_exercise_and_tuning():
    def row(slug, mode, n, server):
        return bench.Row(slug, 1, mode, n, 0, 1.0, server, server, 0, 0, server, 0, "yes", "all")

    rows = [row("a", "after", 1000, 0.1), row("a", "before", 1000, 0.1)]
    rows += [row("a", "after", 10_000, 1.0), row("a", "before", 10_000, 10.0)]
    bench.add_growth_exponents(rows)
    assert math.isnan(rows[0].server_exp) and math.isnan(rows[1].server_exp)
    assert rows[2].server_exp == pytest.approx(1.0) and rows[3].server_exp == pytest.approx(2.0)
    assert rows[2].pandas_exp == pytest.approx(0.0)


def test_sample_check_finds_a_difference_in_every_row_but_accepts_a_shuffle():
    want = pd.DataFrame({"id": range(500), "name": [f"n{i}" for i in range(500)]})
    shuffled = want.sample(frac=1, random_state=1).astype(object)
    assert bench.sample_differences(want, shuffled, ordered=False, sample=50) == []
    changed = want.assign(name=want["name"] + "x")
    assert bench.sample_differences(want, changed, ordered=False, sample=50)
    assert bench.sample_differences(want, want.iloc[1:], ordered=False, sample=50)


def test_sample_check_skips_a_column_with_too_few_keys():
    want = pd.DataFrame({"day": ["mon", "tue"] * 50, "n": range(100)})
    changed = want.assign(n=want["n"] + 1000)
    assert bench.sample_differences(want, want.copy(), ordered=False, sample=60) == []
    assert bench.sample_differences(want, changed, ordered=False, sample=60)


def test_missed_targets_say_when_the_clock_was_read_through_pymysql():
    misses = ["1795 rearrange_products_table: server grows as n^1.85 up to 1,000,000"]
    assert bench.misses_report([], "pymysql") == []
    fast, slow = bench.misses_report(misses, "mysqlclient"), bench.misses_report(misses, "pymysql")
    assert fast[1:] == ["  " + misses[0]] and "1795" in slow[1]
    assert len(slow) == len(fast) + 1 and "install mysqlclient" in slow[-1]


def test_raw_drivers_get_pyformat_placeholders():
    assert drivers.pyformat("SELECT f(:N)", {"N": 2}) == ("SELECT f(%(N)s)", {"N": 2})
    assert drivers.pyformat("SELECT '%' LIKE :p", {"p": 1})[0] == "SELECT '%%' LIKE %(p)s"
    assert drivers.pyformat("SELECT 'a%', '10:30'", None) == ("SELECT 'a%', '10:30'", None)
    with pytest.raises(ValueError, match="unknown driver"):
        drivers.available("odbc")


def test_tuning_modes_and_bad_mode():
    before = tuning.session_settings("before")
    assert "SET SESSION tmp_table_size = 16777216" in before
    assert "SET SESSION max_heap_table_size = 268435456" in tuning.session_settings("after")
    with pytest.raises(ValueError, match="tuning mode"):
        tuning.session_settings("fast")


def test_the_servers_make_db_and_compose_start_carry_the_tuned_settings():
    flags = tuning.server_flags()
    assert "--tmp-table-size=256M" in flags and len(flags) == 3
    for path in ("scripts/db.sh", "docker-compose.yml"):
        text = (ROOT / path).read_text()
        for flag in flags:
            assert re.search(rf"(^|[\s(-]){re.escape(flag)}(\s|\)|$)", text, re.M), (path, flag)


def test_every_tuning_script_creates_only_indexes():
    for exercise in all_exercises():
        for path in tuning.index_scripts(exercise):
            statements = bench.db.split_statements(path.read_text())
            assert statements, path
            assert all(s.upper().startswith("CREATE INDEX") for s in statements), path


def test_the_server_clock_reads_a_query(mysql_available, throwaway_db):
    database = throwaway_db.url.database
    with throwaway_db.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INT)")
        conn.exec_driver_sql("INSERT INTO t VALUES (1), (2), (3)")
    for driver in drivers.DRIVERS:
        if not drivers.available(driver):
            continue
        connection = drivers.connect(driver, database)
        try:
            timed = drivers.run_profiled(
                connection, ["SET @k = 1"], "SELECT x FROM t WHERE x > :k", {"k": 1}
            )
        finally:
            connection.close()
        assert timed.rows == 2
        assert 0 < timed.server_query_s < timed.server_script_s


def test_the_benchmark_runs_end_to_end(mysql_available, tmp_path):
    args = ["--slug", "article_views_i", "--max-rows", "1000", "--repeats", "1"]
    assert bench.main([*args, "--out", str(tmp_path)]) == 0
    assert (tmp_path / "sql_bench.png").stat().st_size > 0
    lines = (tmp_path / "sql_bench.csv").read_text().splitlines()
    assert lines[0].startswith("slug,number,tuning,rows") and len(lines) == 2
    assert lines[1].startswith("article_views_i,1148,after,1000,")


def test_before_and_after_agree_with_pandas(mysql_available, tmp_path):
    (exercise,) = [e for e in all_exercises() if e.slug == "classes_more_than_5"]
    assert tuning.index_scripts(exercise), "this exercise has a tuning index"
    args = ["--slug", exercise.slug, "--max-rows", "1000", "--repeats", "1", "--tuning", "both"]
    assert bench.main([*args, "--out", str(tmp_path)]) == 0
    with (tmp_path / "sql_bench.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [r["tuning"] for r in rows] == ["before", "after"]
    assert all(r["agree"] == "yes" and r["checked"] == "all" for r in rows)
    assert all(float(r["server_s"]) > 0 and float(r["frame_s"]) > 0 for r in rows)


def test_the_sql_benchmark_does_not_load_torch():
    import subprocess
    import sys

    code = (
        "import sys, chapters.sqlkit.bench; print(sorted(m for m in sys.modules if m == 'torch'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
