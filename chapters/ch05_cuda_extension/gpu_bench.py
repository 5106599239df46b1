"""GPU benchmark (make gpu-check): every CUDA kernel vs cuBLAS FP32, and the MLP epoch time.

Needs only torch and a built mylinearops; matplotlib is optional (no plot without it).
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import torch

from chapters.ch05_cuda_extension.mlp import MLPConfig, train_side_by_side

SIZES = (512, 1024, 2048, 4096)
RESULTS = Path("bench-results")


def cuda_time(fn, budget_s: float = 0.25, max_repeats: int = 30) -> float:
    """Median seconds of fn() timed with CUDA events, repeats sized to a small time budget."""
    fn()
    torch.cuda.synchronize()
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    fn()
    end.record()
    end.synchronize()
    first = start.elapsed_time(end) / 1e3
    repeats = max(3, min(max_repeats, int(budget_s / max(first, 1e-6))))
    times = []
    for _ in range(repeats):
        start.record()
        fn()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end) / 1e3)
    return statistics.median(times)


def cuda_kernels() -> list[str]:
    """The CUDA kernel names of this build, from the one list (csrc/kernels.h) via kernels()."""
    import mylinearops

    return mylinearops.kernels().get("cuda", [])


def matmul_table() -> list[dict]:
    import mylinearops

    torch.backends.cuda.matmul.allow_tf32 = False  # cuBLAS in true FP32, like our kernels
    torch.backends.cudnn.allow_tf32 = False
    rows = []
    gen = torch.Generator(device="cuda").manual_seed(0)
    for n in SIZES:
        A = torch.randn(n, n, device="cuda", generator=gen)
        B = torch.randn(n, n, device="cuda", generator=gen)
        reference = A @ B
        flops = 2.0 * n**3
        t_ref = cuda_time(lambda: torch.matmul(A, B))  # noqa: B023
        rows.append({"n": n, "kernel": "cuBLAS", "ms": t_ref * 1e3,
                     "gflops": flops / t_ref / 1e9, "pct": 100.0, "max_err": 0.0})
        for name in cuda_kernels():
            C = mylinearops.matmul(A, B, algo=name)
            err = ((C - reference).abs().max() / reference.abs().max()).item()
            t = cuda_time(lambda: mylinearops.matmul(A, B, algo=name))  # noqa: B023
            rows.append({"n": n, "kernel": name, "ms": t * 1e3, "gflops": flops / t / 1e9,
                         "pct": 100.0 * t_ref / t, "max_err": err})
        print(f"  timed n={n}", flush=True)
    return rows


def mlp_rows() -> list[dict]:
    """784-256-256-10 on synthetic MNIST-sized data (no files needed): seconds per epoch."""
    gen = torch.Generator().manual_seed(0)
    X = torch.rand(60000, 784, generator=gen)  # (60000, 784)
    y = torch.randint(0, 10, (60000,), generator=gen)
    data = (X, y, X[:10000], y[:10000])
    config = MLPConfig(num_epochs=4, batch_size=256, lr=0.05)
    return train_side_by_side(data, config, device="cuda")


def save_plot(rows: list[dict]) -> Path | None:
    try:
        from common.plotting import log_axis_ticks, plt, save_figure  # Agg: no display needed
    except ImportError:
        print("matplotlib is not installed: no plot")
        return None
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name in ("cuBLAS", *cuda_kernels()):
        pts = [(r["n"], r["gflops"] / 1e3) for r in rows if r["kernel"] == name]
        ax.plot(*zip(*pts, strict=True), marker="o", label=name)
    ax.set(xscale="log", yscale="log", xlabel="n (n x n @ n x n, float32)", ylabel="TFLOP/s",
           title=f"mylinearops CUDA kernels vs cuBLAS ({torch.cuda.get_device_name()})")
    log_axis_ticks(ax, SIZES)  # no minor labels ("6x10^2") on top of the sizes
    ax.legend(fontsize=8)
    return save_figure(fig, RESULTS / "gpu_matmul.png")


def main() -> int:
    if not torch.cuda.is_available():
        print("No CUDA GPU visible: nothing to benchmark.")
        return 1
    print(f"GPU: {torch.cuda.get_device_name()}, torch {torch.__version__}, CUDA {torch.version.cuda}")
    rows = matmul_table()
    print(f"\n{'n':>5}  {'kernel':<15} {'ms':>9} {'GFLOP/s':>9} {'% cuBLAS':>9} {'max rel err':>12}")
    for r in rows:
        print(f"{r['n']:>5}  {r['kernel']:<15} {r['ms']:>9.3f} {r['gflops']:>9.0f} "
              f"{r['pct']:>8.1f}% {r['max_err']:>12.2e}")
    epochs = mlp_rows()
    print("\nMLP 784-256-256-10, 60000 synthetic samples, batch 256, seconds per epoch:")
    print(f"{'epoch':>5} {'nn.Linear':>10} {'LinearLayer':>12} {'ratio':>6}")
    for e in epochs:
        print(f"{e['epoch']:>5} {e['nn.Linear s']:>10.3f} {e['LinearLayer s']:>12.3f} "
              f"{e['LinearLayer s'] / e['nn.Linear s']:>6.2f}")
    later = epochs[1:]  # epoch 1 includes one-time warm-up (kernel loading, caches)
    ref = statistics.median(e["nn.Linear s"] for e in later)
    ours = statistics.median(e["LinearLayer s"] for e in later)
    print(f"median of epochs 2+: nn.Linear {ref:.3f} s, LinearLayer {ours:.3f} s, "
          f"ratio {ours / ref:.2f}")
    path = save_plot(rows)
    if path is not None:
        print(f"plot: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
