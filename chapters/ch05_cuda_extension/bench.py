"""make bench: the CPU ladder of mylinearops against the best BLAS here and the measured peak.

Three parts, all measured in this run:
  * the peak: every thread runs a loop of vector multiply-adds (mylinearops.cpu_peak_gflops);
  * the ladder: C = A @ B, n x n float32, each kernel next to torch.matmul (MKL) and numpy.matmul
    (OpenBLAS, in its own process running its native kernel: numpy_matmul.py), interleaved;
  * the worked example: an epoch of the chapter's MLP, LinearLayer (algo="auto") vs nn.Linear,
    and each of the products one training step makes, auto vs torch.mm, on one thread.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

import torch
from rich.console import Console
from rich.table import Table

from chapters.ch05_cuda_extension.numpy_matmul import NumpyMatmul
from common.plotting import RESULTS, save_figure

SIZES = (256, 512, 1024, 2048)
MAX_SIZE = {"naive": 512}  # the textbook loop needs seconds beyond this: skipped there
SUSPICIOUS_PCT = 100.0  # faster than the vendor library: worth a second look (see the note)
LIBRARIES = ("torch.matmul", "numpy.matmul")  # the BLAS contenders: MKL, OpenBLAS (numpy_matmul.py)
SAMPLE_S = 0.02  # each timed sample repeats a call until it lasts about this long
SETTLE_S = 0.25  # a pause when the next sample runs in another process (see time_interleaved)


def threads_label() -> str:
    n = torch.get_num_threads()
    return f"{n} thread{'s' if n != 1 else ''}"


def load() -> str:
    """The 1-minute load average and the core count, printed next to every figure."""
    return f"load {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"


def cpu_kernels() -> list[str]:
    """The CPU kernel names of this build, from the extension's one list (kernels.h)."""
    import mylinearops

    return mylinearops.kernels()["cpu"]


def sample_seconds(fn, calls: int) -> float:
    """Seconds per call over `calls` calls in a row. A contender that runs in another process
    (numpy_matmul.NumpyMatmul) times its calls itself, so the pipe is not in its time."""
    if hasattr(fn, "time_calls"):
        return fn.time_calls(calls) / calls
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def time_interleaved(fns: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Median seconds per call of each function, after a warm-up, measured in interleaved rounds.

    Round r times every function once (a sample: enough calls in a row to last about SAMPLE_S),
    so a burst of other work on the machine slows all contenders alike, and the median of the
    rounds throws the bursts away. Each sample starts with an untimed call, which pays for
    allocations, page faults, caches the other contenders emptied and threads that went to
    sleep, which a cold first call would otherwise count (issue 13). A contender in another
    process (time_calls) waits SETTLE_S on either side: the idle threads of the process that ran
    before keep spinning for a while (OpenBLAS's for about 0.1 s), on the cores the next one needs.
    """
    if rounds < 1:
        raise ValueError(f"rounds must be at least 1, got {rounds}")
    calls = {}
    for name, fn in fns.items():
        fn()  # warm-up, untimed
        calls[name] = max(1, round(SAMPLE_S / max(sample_seconds(fn, 1), 1e-9)))  # sizes a sample
    samples: dict[str, list[float]] = {name: [] for name in fns}
    process = None  # the process whose threads ran last: this one, or a contender's own
    for _ in range(rounds):
        for name, fn in fns.items():
            here = fn if hasattr(fn, "time_calls") else None
            if here is not process:
                time.sleep(SETTLE_S)
                process = here
            fn()  # untimed
            samples[name].append(sample_seconds(fn, calls[name]))
    return {name: statistics.median(times) for name, times in samples.items()}


def packed_isa() -> str:
    """The instruction set of the packed kernel on this CPU: "avx512", "avx2" or "none"."""
    import mylinearops  # noqa: F401  (loads the library that registers the op)

    return torch.ops.mylinearops.packed_isa()


def blocking_line(k: int, dtype: torch.dtype = torch.float32) -> str:
    """The caches read at run time and the block sizes the packed kernel derives for this K."""
    import mylinearops  # noqa: F401  (loads the library that registers the op)

    ops = torch.ops.mylinearops
    (l1d, l2, l3), source = ops.packed_caches()
    mr, nr, kc_max, *_ = ops.packed_blocking(dtype)
    itemsize = torch.empty((), dtype=dtype).element_size()
    kc, mc, l3_budget = ops.packed_block_sizes(mr, nr, itemsize, l1d, l2, l3, k)
    return (f"caches ({source}): L1d {l1d // 1024} KiB, L2 {l2 // 1024} KiB, L3 {l3 // 2**20} MiB"
            f" -> {str(dtype).removeprefix('torch.')} tile {mr} x {nr}; at K = {k}: KC {kc} "
            f"(at most {kc_max}), MC {mc}, NC = {l3_budget // 2**20} MiB / (K x {itemsize} B) = "
            f"{l3_budget // (k * itemsize)}")


def where_the_time_goes(sizes, repeats: int = 5) -> list[dict]:
    """One thread: the packed product, the packing of A and B alone, and the micro-kernel alone.

    The micro-kernel runs on one A panel and one B panel small enough to stay in L1 (half of it,
    as the first version of the block sizes planned) and is set against one core's peak: what
    the product loses beyond packing, it loses to memory. Each figure is the best of `repeats`.
    """
    import mylinearops

    ops = torch.ops.mylinearops
    mr, nr, *_ = ops.packed_blocking(torch.float32)
    (l1d, _, _), _ = ops.packed_caches()
    kc = max(16, l1d // 2 // ((mr + nr) * 4) // 16 * 16)  # both panels in half the L1
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        core = ops.cpu_peak_gflops(packed_isa(), 0.01, 30)
        micro = max(ops.packed_micro_kernel_gflops(packed_isa(), kc, 20000) for _ in range(repeats))
        gen = torch.Generator().manual_seed(0)
        rows = []
        for n in sizes:
            A, B = torch.randn(n, n, generator=gen), torch.randn(n, n, generator=gen)
            mylinearops.matmul(A, B, algo="packed")  # warm-up
            total = min(sample_seconds(lambda: mylinearops.matmul(A, B, algo="packed"), 1)  # noqa: B023
                        for _ in range(repeats))
            pack_a, pack_b = (min(t) for t in zip(*(ops.packed_pack_seconds(A, B, "best")
                                                     for _ in range(repeats)), strict=True))
            rows.append({"n": n, "gflops": 2.0 * n**3 / total / 1e9, "core peak": core,
                         "micro-kernel": micro, "kc": kc, "pack %": 100 * (pack_a + pack_b) / total,
                         "load": os.getloadavg()[0]})
    finally:
        torch.set_num_threads(before)
    return rows


def measure_peak(seconds: float = 0.01, repeats: int = 30) -> dict[str, dict[str, float]]:
    """Peak float32 GFLOP/s per vector instruction set this CPU has, measured two ways.

    "core": one thread runs the FMA loop (cpu_peak_gflops), the best of `repeats` runs of
    `seconds`: other work can only slow a run down, and one short run on one core has a good
    chance of finding that core free. "peak" is that times the thread count: the formula
    cores x FMA units x lanes x 2 x clock, with everything but the core count measured.
    "all threads": every thread runs the loop at once; on a busy machine it falls below "peak"
    (the threads wait for cores), on an idle one it should match it.
    """
    isas = {"avx512": ["avx512", "avx2"], "avx2": ["avx2"]}.get(packed_isa(), [])
    threads = torch.get_num_threads()
    peaks = {}
    for isa in isas:
        everyone = torch.ops.mylinearops.cpu_peak_gflops(isa, seconds, repeats)
        torch.set_num_threads(1)
        try:
            core = torch.ops.mylinearops.cpu_peak_gflops(isa, seconds, repeats)
        finally:
            torch.set_num_threads(threads)
        peaks[isa] = {"core": core, "peak": core * threads, "all threads": everyone}
    return peaks


def run(sizes=SIZES, repeats: int = 5, peak: float | None = None,
        numpy: NumpyMatmul | None = None) -> list[dict]:
    """One row per (size, kernel): median seconds, GFLOP/s, share of torch.matmul, of the faster
    library (torch.matmul, or numpy.matmul in its own process when `numpy` is given) and of `peak`."""
    import mylinearops

    gen = torch.Generator().manual_seed(0)
    rows = []
    for n in sizes:
        A, B = torch.randn(n, n, generator=gen), torch.randn(n, n, generator=gen)
        expected = A @ B
        names = [k for k in cpu_kernels() if n <= MAX_SIZE.get(k, n)]
        fns: dict[str, Callable[[], object]] = {"torch.matmul": lambda: torch.matmul(A, B)}  # noqa: B023
        if numpy is not None:
            numpy.prepare(n)
            fns["numpy.matmul"] = numpy
        for name in names:
            got = mylinearops.matmul(A, B, algo=name)
            torch.testing.assert_close(got, expected, rtol=1e-3, atol=1e-3 * n**0.5)
            fns[name] = lambda name=name: mylinearops.matmul(A, B, algo=name)  # noqa: B023
        seconds = time_interleaved(fns, rounds=repeats)
        best = min((name for name in LIBRARIES if name in seconds), key=seconds.__getitem__)
        flops = 2.0 * n**3
        for name, s in seconds.items():
            rows.append({
                "n": n, "kernel": name, "s": s, "gflops": flops / s / 1e9,
                "pct": 100.0 * seconds["torch.matmul"] / s,
                "best": best, "best_pct": 100.0 * seconds[best] / s,
                "peak_pct": None if peak is None else 100.0 * flops / s / 1e9 / peak,
                "load": os.getloadavg()[0],
            })
    return rows


def mlp_epochs(epochs: int = 7, threads: int | None = None) -> dict:
    """Seconds per training epoch of the chapter's MLP, LinearLayer(auto) vs nn.Linear.

    Both train in the same run, epoch by epoch in turn (mlp.train_side_by_side); the first epoch
    is a warm-up and is left out of the medians. `threads`: torch's intra-op threads meanwhile.
    """
    from chapters.ch05_cuda_extension.data import load_data
    from chapters.ch05_cuda_extension.mlp import MLPConfig, median_epoch_seconds, train_side_by_side

    *data, name = load_data()
    config = MLPConfig(num_epochs=epochs)
    before = torch.get_num_threads()
    torch.set_num_threads(threads or before)
    try:
        rows = train_side_by_side(data, config)
    finally:
        torch.set_num_threads(before)
    medians = median_epoch_seconds(rows, skip=1)
    shape = f"{data[0].shape[1]}-{config.hidden}-{config.hidden}-{int(data[1].max()) + 1}"
    return {"data": name, "shape": shape, "batch": config.batch_size, "epochs": epochs - 1,
            "threads": threads or before,
            **medians, "ratio": medians["LinearLayer"] / medians["nn.Linear"], "load": load()}


def mlp_products(rounds: int = 9) -> list[dict]:
    """The products of one training step of the chapter's MLP, mylinearops (auto) vs torch.mm.

    Per layer (X (batch, in), W (in, out)): the forward X @ W, and the backward's dL/dX =
    dL/dY @ W^T and dL/dW = X^T @ dL/dY. Each goes to the op itself with its transpose as a
    view, the way the C++ autograd kernel calls it (no Python checks on the way). The first
    layer's dL/dX is never asked for (the input needs no gradient). One thread, where the epoch
    is steadiest, interleaved rounds.
    """
    import mylinearops  # noqa: F401  (loads the library that registers the op)

    from chapters.ch05_cuda_extension.data import load_data
    from chapters.ch05_cuda_extension.mlp import MLPConfig

    X, y, *_ = load_data()  # (X_train, y_train, ...): only the shapes matter here
    config = MLPConfig()
    sizes = [X.shape[1], config.hidden, config.hidden, int(y.max()) + 1]
    batch, gen = config.batch_size, torch.Generator().manual_seed(0)
    randn = lambda *shape: torch.randn(*shape, generator=gen)  # noqa: E731
    products = []
    for layer, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True), start=1):
        products.append((f"{layer}: X @ W", randn(batch, fan_in), randn(fan_in, fan_out)))
        if layer > 1:
            products.append((f"{layer}: dX = dY @ W^T", randn(batch, fan_out),
                             randn(fan_in, fan_out).t()))
        products.append((f"{layer}: dW = X^T @ dY", randn(batch, fan_in).t(),
                         randn(batch, fan_out)))
    op = torch.ops.mylinearops.matmul.default
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        rows = []
        for name, a, b in products:
            seconds = time_interleaved({"torch.mm": lambda a=a, b=b: torch.mm(a, b),
                                        "auto": lambda a=a, b=b: op(a, b, "auto")}, rounds)
            shape = f"{a.shape[0]} x {a.shape[1]} x {b.shape[1]}"
            rows.append({"product": name, "shape": shape, **seconds,
                         "ratio": seconds["auto"] / seconds["torch.mm"]})
    finally:
        torch.set_num_threads(before)
    return rows


def products_table(rows: list[dict]) -> Table:
    table = Table(title="one training step's products, 1 thread (dX, dY, dW: dL/dX, dL/dY, dL/dW)")
    for column in ("layer: product", "M x K x N", "torch.mm us", "auto us", "auto / torch.mm"):
        table.add_column(column, justify="left" if column == "layer: product" else "right")
    for r in rows:
        table.add_row(r["product"], r["shape"], f"{r['torch.mm'] * 1e6:.1f}",
                      f"{r['auto'] * 1e6:.1f}", f"{r['ratio']:.2f}x")
    mm, auto = sum(r["torch.mm"] for r in rows), sum(r["auto"] for r in rows)
    table.add_row("all of them", "", f"{mm * 1e6:.1f}", f"{auto * 1e6:.1f}", f"{auto / mm:.2f}x")
    return table


def peak_groups(peaks: dict[str, float], apart: float = 1.5) -> list[dict[str, float]]:
    """The peaks, highest first, in groups of those less than `apart` times each other."""
    groups: list[dict[str, float]] = []
    for isa, gflops in sorted(peaks.items(), key=lambda item: -item[1]):
        if groups and min(groups[-1].values()) < gflops * apart:
            groups[-1][isa] = gflops
        else:
            groups.append({isa: gflops})
    return groups


def plot(rows: list[dict], peaks: dict[str, float]):
    """GFLOP/s against n for every kernel, with the measured peaks as dashed lines: a roofline."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullLocator

    fig, ax = plt.subplots(figsize=(7, 4.5))
    sizes = sorted({r["n"] for r in rows})
    for name in dict.fromkeys(r["kernel"] for r in rows):
        pts = [(r["n"], r["gflops"]) for r in rows if r["kernel"] == name]
        ax.plot(*zip(*pts, strict=True), marker="o", label=name)
    for group in peak_groups(peaks):  # peaks closer than a label's height share one label
        for gflops in group.values():
            ax.axhline(gflops, linestyle="--", color="grey", linewidth=1)
        label = ", ".join(f"{isa} peak {gflops:.0f}" for isa, gflops in group.items())
        ax.annotate(label, (sizes[0], max(group.values())), textcoords="offset points",
                    xytext=(0, 3), fontsize=8, color="grey")
    ax.set(xscale="log", yscale="log", xlabel="n (n x n float32)", ylabel="GFLOP/s",
           title=f"mylinearops CPU kernels, {threads_label()}, {load()}")
    ax.xaxis.set_ticks(sizes, [str(s) for s in sizes])  # the sizes measured, nothing between:
    ax.xaxis.set_minor_locator(NullLocator())  # log-axis minor labels ("3x10^2") would collide
    ax.legend(loc="lower right", fontsize=8)
    return save_figure(fig, RESULTS / "ch05_cpu_matmul.png")


def ladder_table(rows: list[dict], peak_name: str) -> Table:
    table = Table(title=f"C = A @ B on the CPU, float32, {threads_label()}, "
                  "median of interleaved rounds",
                  caption=f"vs faster BLAS: share of the faster of {' and '.join(LIBRARIES)} at "
                  f"that n (named); of peak: share of the {peak_name}")
    for column in ("n", "kernel", "ms", "GFLOP/s", "vs torch.matmul", "vs faster BLAS", "of peak"):
        table.add_column(column, justify="right")
    for r in rows:
        flag = " (!)" if r["pct"] > SUSPICIOUS_PCT and r["kernel"] != "torch.matmul" else ""
        best = f"{r['best_pct']:.0f}% {r['best'].removesuffix('.matmul')}"
        if r["best_pct"] > SUSPICIOUS_PCT and r["kernel"] not in LIBRARIES:
            best += " (!)"
        peak = "" if r["peak_pct"] is None else f"{r['peak_pct']:.0f}%"
        if r["peak_pct"] is not None and r["peak_pct"] > 100:
            peak += " (!)"  # above the peak: a timing that cannot be right
        table.add_row(str(r["n"]), r["kernel"], f"{r['s'] * 1e3:.2f}", f"{r['gflops']:.1f}",
                      f"{r['pct']:.0f}%{flag}", best, peak)
    return table


def suspicious(rows: list[dict]) -> list[str]:
    """The libraries that a row of another contender beat: each worth a second look."""
    beaten = []
    for library in LIBRARIES:
        seconds = {r["n"]: r["s"] for r in rows if r["kernel"] == library}
        if any(r["kernel"] != library and r["n"] in seconds
               and 100.0 * seconds[r["n"]] / r["s"] > SUSPICIOUS_PCT for r in rows):
            beaten.append(library)
    return beaten


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=None,
                        help="torch's intra-op threads (default: torch's, the core count)")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="the n to time")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds per size")
    args = parser.parse_args(argv)
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    console = Console()
    console.print(f"{threads_label()}; {load()}; the packed kernel uses "
                  f"{packed_isa()}")
    if packed_isa() != "none":
        console.print(blocking_line(max(args.sizes)))
    measured = measure_peak()
    threads = torch.get_num_threads()
    for isa, m in measured.items():
        console.print(
            f"peak, {isa} FMA loop: {m['core']:.0f} GFLOP/s on one core, x {threads} threads = "
            f"{m['peak']:.0f} (all {threads} threads at once measured {m['all threads']:.0f})"
        )
    peaks = {isa: m["peak"] for isa, m in measured.items()}
    peak_name, peak = max(peaks.items(), key=lambda item: item[1]) if peaks else ("peak", None)
    with NumpyMatmul(threads) as numpy:
        console.print(f"numpy.matmul, in a process without {' and '.join(numpy.unset)}: "
                      f"{numpy.kernel()} (threadpoolctl)")
        rows = run(sizes=args.sizes, repeats=args.rounds, peak=peak, numpy=numpy)
    console.print(ladder_table(rows, f"{peak_name} peak"))
    console.print("packed: " + "; ".join(
        f"n = {r['n']} {r['best_pct']:.0f}% of {r['best']}"
        + ("" if r["peak_pct"] is None else f", {r['peak_pct']:.0f}% of the peak")
        for r in rows if r["kernel"] == "packed"))
    console.print(f"after the ladder: {load()}")
    for library in suspicious(rows):
        console.print(
            f"(!) faster than {library}: suspicious until explained. Check the machine was not "
            f"busy while {library} ran (rerun), and compare {library} with the peaks above: "
            "a vendor library that stays under the AVX2 peak on an AVX-512 CPU runs its AVX2 code."
        )
    console.print(f"plot: {plot(rows, peaks)}")
    if packed_isa() != "none":
        for w in where_the_time_goes(args.sizes):
            console.print(
                f"where the time goes, 1 thread, n = {w['n']}: packed {w['gflops']:.0f} GFLOP/s, "
                f"packing A and B {w['pack %']:.1f}% of it; the micro-kernel alone on L1-resident "
                f"panels (KC {w['kc']}) {w['micro-kernel']:.0f} = "
                f"{100 * w['micro-kernel'] / w['core peak']:.0f}% of one core's peak "
                f"{w['core peak']:.0f}; packed {100 * w['gflops'] / w['core peak']:.0f}% of it; "
                f"load {w['load']:.2f}")
    # The MLP's products are small: on a busy machine its multi-threaded epochs mostly measure
    # threads waiting for a core, so the single-threaded epoch is printed too.
    for threads in dict.fromkeys((torch.get_num_threads(), 1)):
        mlp = mlp_epochs(threads=threads)
        console.print(
            f"MLP {mlp['shape']} on {mlp['data']}, batch {mlp['batch']}, "
            f"{threads} thread{'s' if threads != 1 else ''}, "
            f"median of {mlp['epochs']} epochs: nn.Linear {mlp['nn.Linear'] * 1e3:.1f} ms, "
            f"LinearLayer(auto) {mlp['LinearLayer'] * 1e3:.1f} ms, ratio {mlp['ratio']:.2f}x "
            f"(target <= 1.00x); {mlp['load']}"
        )
    console.print(products_table(mlp_products()))
    console.print(f"after the products: {load()}")


if __name__ == "__main__":
    main()
