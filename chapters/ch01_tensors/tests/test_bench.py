"""The benchmark runs end to end on tiny sizes (its timings are not asserted); it flags the
cells no real measurement can produce, and its plot's labels do not collide."""

import io

import matplotlib.image
from rich.console import Console

from chapters.ch01_tensors import bench
from common.plotting import overlapping_tick_labels, plt


def tiny_config(tmp_path):
    """Sizes and block times small enough for a test of a second or two."""
    return bench.Config(
        sizes=(256, 1024), matmul_sizes=(2, 3), repeats=1, min_run_time=0.001, out_dir=tmp_path
    )


def test_bench_prints_both_tables_and_saves_the_plot(tmp_path):
    config = tiny_config(tmp_path)
    console = Console(file=io.StringIO(), width=120, color_system=None)
    path = bench.main(config, console)
    assert path == tmp_path / "views_vs_copies.png" and path.stat().st_size > 1000
    assert matplotlib.image.imread(path).ndim == 3
    text = console.file.getvalue()
    assert "Views versus copies" in text and "Python loops versus torch" in text
    rows = bench.views_vs_copies(config)
    assert [row["elements"] for row in rows] == [256, 1024]
    assert all(value > 0 for row in rows for value in row.values())


def test_a_copy_faster_than_the_view_is_suspicious():
    row = {
        "elements": 4096,
        "view(-1)": 2e-6,
        "t()": 1e-6,
        "clone()": 1e-6,
        "t().contiguous()": 5e-6,
    }
    # t() may well beat view(-1): both are O(1). clone() copies, so it cannot.
    assert bench.suspicious(row, bench.VIEW_REFERENCE, bench.COPIES) == ["clone()"]


def test_loops_faster_than_torch_are_suspicious_and_slower_ones_are_not():
    # The case: a cold reference made a hand-written kernel look 446% of torch.
    cold = {"n": 4, "matmul_loops": 1.8e-3, "einsum_loops": 9e-3, "A @ B": 8.01e-3}
    assert bench.suspicious(cold, bench.MATMUL_REFERENCE, bench.LOOPS) == ["matmul_loops"]
    warm = {**cold, "A @ B": 2e-6}
    assert bench.suspicious(warm, bench.MATMUL_REFERENCE, bench.LOOPS) == []


def test_the_table_marks_the_suspicious_cell_and_says_why():
    rows = [
        {"n": 4, "matmul_loops": 1.8e-3, "einsum_loops": 9e-3, "A @ B": 8.01e-3},
        {"n": 8, "matmul_loops": 4e-3, "einsum_loops": 20e-3, "A @ B": 3e-6},
    ]
    table = bench._table("loops", rows, "n", bench.MATMUL_REFERENCE, bench.LOOPS)
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(table)
    lines = console.file.getvalue().splitlines()
    (four,) = [line for line in lines if line.startswith("│ 4 ")]
    (eight,) = [line for line in lines if line.startswith("│ 8 ")]
    assert "1,800.0 !" in four and "9,000.0 !" not in four and "!" not in eight
    assert any("! faster than A @ B" in line for line in lines)


def test_a_table_with_nothing_suspicious_has_no_note():
    rows = [{"n": 4, "matmul_loops": 1e-3, "einsum_loops": 2e-3, "A @ B": 2e-6}]
    table = bench._table("loops", rows, "n", bench.MATMUL_REFERENCE, bench.LOOPS)
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(table)
    assert "!" not in console.file.getvalue()


def test_the_plot_is_ticked_at_the_sizes_measured_without_colliding_labels(tmp_path, monkeypatch):
    figures = []
    monkeypatch.setattr(bench, "save_figure", lambda fig, path: figures.append(fig) or path)
    sizes = (2**12, 2**15, 2**18, 2**21)
    rows = [{"elements": n, "view(-1)": 1e-6, "clone()": n * 1e-9} for n in sizes]
    bench.plot(rows, tmp_path / "plot.png")
    (fig,) = figures
    assert [t.get_text() for t in fig.axes[0].get_xticklabels(which="both")] == [
        "4,096",
        "32,768",
        "262,144",
        "2,097,152",
    ]
    assert overlapping_tick_labels(fig) == []
    plt.close(fig)
