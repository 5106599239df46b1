"""The benchmark script runs end to end on tiny sizes (its timings are not asserted)."""

import io

from rich.console import Console

from chapters.ch01_tensors import bench


def test_bench_prints_both_tables_and_saves_the_plot(tmp_path):
    config = bench.Config(sizes=(256, 1024), matmul_sizes=(2, 3), repeats=1, out_dir=tmp_path)
    console = Console(file=io.StringIO(), width=120, color_system=None)
    path = bench.main(config, console)
    assert path == tmp_path / "views_vs_copies.png" and path.stat().st_size > 1000
    text = console.file.getvalue()
    assert "Views versus copies" in text and "Python loops versus torch" in text
    rows = bench.views_vs_copies(config)
    assert [row["elements"] for row in rows] == [256, 1024]
    assert all(value > 0 for row in rows for value in row.values())
