# %% [markdown]
# # Chapter 5: `mylinearops`, a C++/CUDA extension
#
# A read-along for the lesson (README.md). Build the package first: `make ext`
# (or `make chapter-5`). Everything here runs on the CPU; the CUDA kernels need a GPU
# and `make gpu-check`.

# %%
import time

import matplotlib.pyplot as plt
import mylinearops
import torch

from chapters.ch05_cuda_extension.data import load_data
from chapters.ch05_cuda_extension.mlp import MLPConfig, train_side_by_side

torch.manual_seed(0)
torch.ops.mylinearops.matmul.default._schema, mylinearops.kernels()

# %% [markdown]
# ## The ops are ordinary torch ops
# `matmul` is `A @ B`; `linearop` is `X @ W + b` with `W` stored `(in, out)`.

# %%
A, B = torch.randn(5, 7), torch.randn(7, 3)
print((mylinearops.matmul(A, B) - A @ B).abs().max())
X, W, b = torch.randn(2, 4, 7), torch.randn(7, 3), torch.randn(3)
print(mylinearops.linearop(X, W, b).shape)  # (*, in) -> (*, out)

# %% [markdown]
# ## The CPU ladder: the same product, three memory orders

# %%
A, B = torch.randn(384, 384), torch.randn(384, 384)
for kernel in ["naive", "ikj", "blocked"]:
    start = time.perf_counter()
    C = mylinearops.matmul(A, B, algo=kernel)
    seconds = time.perf_counter() - start
    print(f"{kernel:8s} {2 * 384**3 / seconds / 1e9:7.1f} GFLOP/s  max error {(C - A @ B).abs().max():.1e}")

# %% [markdown]
# ## Gradients come from the registered autograd formula
# The backward calls `mylinearops.matmul` itself; `gradcheck` compares it with finite
# differences (float64), `opcheck` checks schema, fake kernel and autograd together.

# %%
Xd = torch.randn(5, 4, dtype=torch.float64, requires_grad=True)
Wd = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
bd = torch.randn(3, dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(mylinearops.linearop, (Xd, Wd, bd)))
torch.library.opcheck(torch.ops.mylinearops.linearop.default, (Xd, Wd, bd))

# %% [markdown]
# ## torch.compile sees one graph (the fake kernel gives it the shapes)
# The default backend (Inductor) compiles the code around our op; the op argument that picks
# the kernel is called `algo`, because an argument named `kernel` breaks Inductor.

# %%
layer = mylinearops.LinearLayer(7, 3)
compiled = torch.compile(layer, fullgraph=True)
x = torch.randn(4, 7)
torch.allclose(compiled(x), layer(x))

# %% [markdown]
# ## torch.func works too: gradients as functions, per-sample gradients

# %%
params = dict(layer.named_parameters())
grads = torch.func.grad(lambda p: torch.func.functional_call(layer, p, (x,)).sum())(params)
torch.allclose(grads["bias"], torch.full((3,), 4.0))

# %% [markdown]
# ## Bad input: a RuntimeError that names the problem

# %%
try:
    mylinearops.matmul(torch.ones(2, 3), torch.ones(4, 2))
except RuntimeError as error:
    print(str(error).splitlines()[0])

# %% [markdown]
# ## The worked example: LinearLayer MLP next to nn.Linear MLP
# MNIST if its files are in data/mnist, else the offline 8x8 digits.

# %%
*data, name = load_data()
rows = train_side_by_side(data, MLPConfig())
print(name)
for row in rows:
    print({k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()})

# %%
fig, ax = plt.subplots(figsize=(5, 3))
for label in ["nn.Linear", "LinearLayer"]:
    ax.plot([r["epoch"] for r in rows], [r[f"{label} acc"] for r in rows], marker="o", label=label)
ax.set(xlabel="epoch", ylabel="test accuracy", title=name)
ax.legend()
