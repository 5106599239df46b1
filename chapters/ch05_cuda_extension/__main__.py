"""Walk-through: `python -m chapters.ch05_cuda_extension` runs the lesson's examples in order."""

from __future__ import annotations

import time

import torch
from rich.console import Console
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table

console = Console()


def show(title: str, code: str, namespace: dict) -> None:
    """Print a step's code, run it, and print what its last line evaluates to."""
    console.rule(f"[bold]{title}")
    console.print(Syntax(code.strip(), "python", theme="ansi_dark"))
    *body, last = code.strip().splitlines()
    exec("\n".join(body), namespace)
    console.print(Panel(repr(eval(last, namespace)), title="result", expand=False))


def main() -> None:
    try:
        import mylinearops  # noqa: F401
    except ImportError as error:
        raise SystemExit(f"mylinearops is not built: run `make ext` ({error})") from error
    torch.manual_seed(0)
    ns: dict = {"torch": torch}
    show("1. The ops this build registered (TORCH_LIBRARY) and its kernels", """
import mylinearops
torch.ops.mylinearops.matmul.default._schema
""", ns)
    show("   ...kernels per device", "mylinearops.kernels()", ns)
    show("2. matmul: the same numbers as torch on a hand-checkable product", """
A = torch.tensor([[1., 2.], [3., 4.]])
B = torch.tensor([[5., 6.], [7., 8.]])
mylinearops.matmul(A, B).tolist()
""", ns)
    show("3. Every CPU rung of the ladder agrees with torch.matmul", """
A, B = torch.randn(97, 130), torch.randn(130, 61)
{k: (mylinearops.matmul(A, B, algo=k) - A @ B).abs().max().item() < 1e-4 for k in ["naive", "ikj", "blocked"]}
""", ns)
    show("4. linearop: X @ W + b with W stored (in, out), leading batch dims like nn.Linear", """
X, W, b = torch.randn(2, 3, 4), torch.randn(4, 5), torch.randn(5)
Y = mylinearops.linearop(X, W, b)
(tuple(Y.shape), torch.allclose(Y, X @ W + b))
""", ns)
    show("5. Gradients: the backward calls the same matmul op; gradcheck in float64", """
Xd = torch.randn(5, 4, dtype=torch.float64, requires_grad=True)
Wd = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
bd = torch.randn(3, dtype=torch.float64, requires_grad=True)
torch.autograd.gradcheck(mylinearops.linearop, (Xd, Wd, bd))
""", ns)
    show("6. opcheck: schema, fake kernel, autograd registration all consistent", """
torch.library.opcheck(torch.ops.mylinearops.linearop.default, (Xd, Wd, bd))
"opcheck passed"
""", ns)
    show("7. LinearLayer next to nn.Linear: W transposed, same outputs", """
lin = torch.nn.Linear(6, 4)
layer = mylinearops.LinearLayer.from_linear(lin)
x = torch.randn(3, 6)
(tuple(lin.weight.shape), tuple(layer.weight.shape), torch.allclose(layer(x), lin(x), atol=1e-6))
""", ns)
    show("8. Bad input: a clear RuntimeError, never a crash", """
try:
    mylinearops.matmul(torch.ones(2, 3), torch.ones(4, 2))
except RuntimeError as error:
    message = str(error).splitlines()[0]
message
""", ns)

    console.rule("[bold]9. The CPU ladder, measured (float32, n x n, 2 repeats; see `make bench`)")
    from chapters.ch05_cuda_extension.bench import run

    table = Table()
    for column in ("n", "kernel", "GFLOP/s", "% of torch.matmul"):
        table.add_column(column, justify="right")
    for r in run(sizes=(256, 512), repeats=2):
        table.add_row(str(r["n"]), r["kernel"], f"{r['gflops']:.1f}", f"{r['pct']:.0f}%")
    console.print(table)

    from chapters.ch05_cuda_extension.data import load_data
    from chapters.ch05_cuda_extension.mlp import MLPConfig, train_side_by_side

    *data, name = load_data()
    shape = f"{data[0].shape[1]}-{MLPConfig.hidden}-{MLPConfig.hidden}-{len(set(data[1].tolist()))}"
    console.rule(f"[bold]10. The worked example: a {shape} MLP, LinearLayer vs nn.Linear")
    console.print(f"data: {name}, {len(data[0])} training rows of {data[0].shape[1]} inputs")
    start = time.perf_counter()
    rows = train_side_by_side(data, MLPConfig(), show_progress=True)
    results = Table()
    for column in rows[0]:
        results.add_column(column, justify="right")
    for row in rows:
        results.add_row(*[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row.values()])
    console.print(results)
    from chapters.ch05_cuda_extension.mlp import plot_rows
    from common.plotting import RESULTS

    path = plot_rows(rows, name, RESULTS / "ch05_mlp.png")
    console.print(f"trained both in {time.perf_counter() - start:.1f} s; plot: {path}")
    console.print("The GPU part: `make gpu-check` on a machine with an NVIDIA GPU.")


if __name__ == "__main__":
    main()
