"""The benchmark's table generators (chapters 6 and 7) and the benchmark script itself."""

import numpy as np
import pandas as pd
import pytest

from chapters.sqlkit import bench, by_chapter

MINE = by_chapter(6) + by_chapter(7)
PRIMARY_KEYS = {
    "World": "name",
    "Products": "product_id",
    "Customers": "id",
    "Orders": "id",
    "Tweets": "tweet_id",
    "Employees": "employee_id",
    "Users": "user_id",
    "Patients": "patient_id",
}


@pytest.mark.parametrize("exercise", MINE, ids=lambda e: e.slug)
def test_generate_matches_the_schema_and_gives_a_real_answer(exercise):
    frames = exercise.generate(2000, np.random.default_rng(1))
    bench.check_generated(exercise, frames)
    main = next(iter(frames.values()))
    assert len(main) == 2000
    for table, frame in frames.items():
        for column, dtype in exercise.tables[table].items():
            if dtype != "object":
                assert str(frame[column].dtype) == dtype, (table, column)
        if table in PRIMARY_KEYS:
            key = frame[PRIMARY_KEYS[table]]
            assert key.notna().all() and key.is_unique, table
    answer = exercise.run_pandas(frames)
    assert 0 < len(answer) < 2000 or exercise.slug in {
        "calculate_special_bonus",
        "fix_names_in_a_table",
    }  # those two answer one row per input row
    again = exercise.generate(2000, np.random.default_rng(1))
    for table in frames:
        pd.testing.assert_frame_equal(frames[table], again[table])  # seeded: reproducible


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


def test_the_benchmark_runs_end_to_end(mysql_available, tmp_path, capsys):
    status = bench.main(
        [
            "--slug",
            "article_views_i",
            "--max-rows",
            "1000",
            "--repeats",
            "1",
            "--out",
            str(tmp_path),
        ]
    )
    assert status == 0
    assert (tmp_path / "sql_bench.png").stat().st_size > 0
    lines = (tmp_path / "sql_bench.csv").read_text().splitlines()
    assert lines[0].startswith("number,slug,rows") and len(lines) == 2
    assert lines[1].startswith("1148,article_views_i,1000,") and lines[1].endswith(",yes")
