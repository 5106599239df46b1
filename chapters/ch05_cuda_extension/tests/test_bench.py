"""The CPU benchmark's helpers (bench.py) and the MLP's epoch medians (mlp.py); no timing asserts."""

import warnings

import pytest
import torch

from chapters.ch05_cuda_extension import bench
from chapters.ch05_cuda_extension.mlp import median_epoch_seconds
from chapters.ch05_cuda_extension.numpy_matmul import UNSET, NumpyMatmul


def test_time_interleaved_warms_up_and_times_every_function_in_every_round():
    calls = {"a": 0, "b": 0}

    def make(name):
        def fn():
            calls[name] += 1
        return fn

    seconds = bench.time_interleaved({"a": make("a"), "b": make("b")}, rounds=3)
    assert set(seconds) == {"a", "b"} and all(s > 0 for s in seconds.values())
    assert all(count >= 2 + 3 for count in calls.values())  # warm-up + sizing + 3 samples
    with pytest.raises(ValueError, match="rounds"):
        bench.time_interleaved({"a": make("a")}, rounds=0)


def test_median_epoch_seconds_leaves_out_the_warm_up_epoch():
    rows = [{"epoch": e, "nn.Linear s": s, "LinearLayer s": 2 * s}
            for e, s in enumerate([100.0, 1.0, 3.0, 2.0], start=1)]
    assert median_epoch_seconds(rows, skip=1) == {"nn.Linear": 2.0, "LinearLayer": 4.0}
    with pytest.raises(ValueError, match="no epochs left"):
        median_epoch_seconds(rows[:1], skip=1)


def test_the_ladder_table_flags_impossible_and_suspicious_shares():
    rows = [
        {"n": 256, "kernel": "torch.matmul", "s": 1e-3, "gflops": 30.0, "pct": 100.0,
         "best": "numpy.matmul", "best_pct": 50.0, "peak_pct": 50.0},
        {"n": 256, "kernel": "numpy.matmul", "s": 5e-4, "gflops": 60.0, "pct": 200.0,
         "best": "numpy.matmul", "best_pct": 100.0, "peak_pct": 100.0},
        {"n": 256, "kernel": "packed", "s": 4e-4, "gflops": 75.0, "pct": 250.0,
         "best": "numpy.matmul", "best_pct": 125.0, "peak_pct": 125.0},
        {"n": 256, "kernel": "ikj", "s": 2e-3, "gflops": 15.0, "pct": 50.0,
         "best": "numpy.matmul", "best_pct": 25.0, "peak_pct": 25.0},
    ]
    table = bench.ladder_table(rows, "avx512 peak")
    vs_torch, vs_best, of_peak = (table.columns[i]._cells for i in (4, 5, 6))
    assert vs_torch == ["100%", "200% (!)", "250% (!)", "50%"]
    assert vs_best == ["50% numpy", "100% numpy", "125% numpy (!)", "25% numpy"]
    assert of_peak == ["50%", "100%", "125% (!)", "25%"]
    assert bench.suspicious(rows) == ["torch.matmul", "numpy.matmul"]
    assert bench.suspicious(rows[:2] + rows[3:]) == ["torch.matmul"]  # the slower library


def test_the_numpy_child_reports_the_kernel_it_ran_and_runs_without_the_two_variables():
    # The machine's variables stay as they are here: only the child's environment lacks them.
    with NumpyMatmul(threads=1) as numpy:
        assert numpy.unset == list(UNSET)
        assert any(b["internal_api"] and b["architecture"] for b in numpy.blas), numpy.blas
        assert "kernel" in numpy.kernel()
        numpy.prepare(8)
        assert numpy.time_calls(3) > 0
        seconds = bench.time_interleaved({"numpy.matmul": numpy}, rounds=2)
        assert seconds["numpy.matmul"] > 0


# Zen 5: a full-width AVX-512 unit, twice the AVX2 peak; Zen 4: 512 bits in two halves, a tie.
@pytest.mark.parametrize("peaks", [{"avx512": 500.0, "avx2": 250.0},
                                   {"avx512": 224.0, "avx2": 226.0}], ids=["apart", "tied"])
def test_the_plot_has_the_measured_sizes_as_labels_and_none_collide(tmp_path, monkeypatch, peaks):
    monkeypatch.chdir(tmp_path)  # the plot goes to bench-results/ under the current folder
    rows = [{"n": n, "kernel": k, "gflops": g * n / 256}
            for n in bench.SIZES for k, g in (("torch.matmul", 90.0), ("packed", 160.0))]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # save_figure warns when labels overlap
        path = bench.plot(rows, peaks)
    assert (tmp_path / path).exists()


def test_the_products_table_has_the_products_of_a_training_step():
    # Every matmul / linearop call of one step of the LinearLayer MLP, as the dispatcher sees
    # them (below autograd: the forward's and the backward's), against the table's rows.
    import mylinearops  # noqa: F401
    from torch.utils._python_dispatch import TorchDispatchMode

    from chapters.ch05_cuda_extension.data import load_data
    from chapters.ch05_cuda_extension.mlp import MLPConfig, make_mlp

    class Products(TorchDispatchMode):
        def __init__(self):
            super().__init__()
            self.shapes = []

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            if func.namespace == "mylinearops":
                a, b = args[0], args[1]
                self.shapes.append(f"{a.shape[0]} x {a.shape[1]} x {b.shape[1]}")
            return func(*args, **(kwargs or {}))

    X, y, *_ = load_data()[:-1]
    config = MLPConfig()
    net = make_mlp(X.shape[1], int(y.max()) + 1, config.hidden, custom=True)
    batch = slice(0, config.batch_size)
    with Products() as seen:
        torch.nn.functional.cross_entropy(net(X[batch]), y[batch]).backward()
    rows = bench.mlp_products(rounds=1)
    assert sorted(seen.shapes) == sorted(r["shape"] for r in rows)
    assert all(r["auto"] > 0 and r["torch.mm"] > 0 for r in rows)


def test_where_the_time_goes_reports_packing_and_the_micro_kernel():
    if torch.ops.mylinearops.packed_isa() == "none":
        pytest.skip("this CPU has neither AVX2+FMA nor AVX-512F")
    [row] = bench.where_the_time_goes([40], repeats=1)
    assert row["n"] == 40 and row["kc"] % 16 == 0
    assert all(row[key] > 0 for key in ("gflops", "core peak", "micro-kernel", "pack %"))


def test_the_blocking_line_names_the_caches_and_the_blocks_for_that_k():
    if torch.ops.mylinearops.packed_isa() == "none":
        pytest.skip("this CPU has neither AVX2+FMA nor AVX-512F")
    (l1d, l2, l3), source = torch.ops.mylinearops.packed_caches()
    mr, nr, *_ = torch.ops.mylinearops.packed_blocking(torch.float32)
    kc, mc, _ = torch.ops.mylinearops.packed_block_sizes(mr, nr, 4, l1d, l2, l3, 1000)
    line = bench.blocking_line(1000)
    assert f"caches ({source})" in line and f"KC {kc} " in line and f"MC {mc}," in line
