# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Chapter 4: `torch.autograd.Function` and the linear layer
#
# The read-along notebook for `chapters/ch04_autograd_function/README.md`. Every cell runs on a
# CPU in a few seconds. Convention: `Y = X W + b`, `X (*, in)`, `W (in, out)`, `b (out,)`.

# %%
import matplotlib.pyplot as plt
import torch
from torch import nn

from chapters.ch04_autograd_function.custom_op import linear_op
from chapters.ch04_autograd_function.function import linear, linear_fn
from chapters.ch04_autograd_function.gradchecks import (
    SlightlyWrongLinear,
    count_calls,
    difference_errors,
    make_inputs,
    passes,
)
from chapters.ch04_autograd_function.grads import bias_grad, matmul_grads, matmul_grads_entrywise
from chapters.ch04_autograd_function.layouts import from_nn_linear
from chapters.ch04_autograd_function.module import Linear
from chapters.ch04_autograd_function.spy import record_formulas
from common.seed import seed_everything

g = seed_everything(0)

# %% [markdown]
# ## 1. The math
# For `C = A B` and `G = dL/dC`: `dL/dA = G Bᵀ`, `dL/dB = Aᵀ G`; a bias added to every row gets
# the column sum of `G`. Compare the loops, the matrix form and autograd.

# %%
A = torch.randn(3, 4, generator=g, dtype=torch.float64, requires_grad=True)
B = torch.randn(4, 2, generator=g, dtype=torch.float64, requires_grad=True)
G = torch.randn(3, 2, generator=g, dtype=torch.float64)
(A @ B).backward(G)
dA, dB = matmul_grads(A.detach(), B.detach(), G)
dA_loops, dB_loops = matmul_grads_entrywise(A.detach(), B.detach(), G)
print("dA matches autograd:", torch.allclose(dA, A.grad), "and the loops:", torch.allclose(dA, dA_loops))
print("dB matches autograd:", torch.allclose(dB, B.grad), "and the loops:", torch.allclose(dB, dB_loops))
print("bias gradient of [[1, 2], [3, 4]]:", bias_grad(torch.tensor([[1.0, 2.0], [3.0, 4.0]])))

# %% [markdown]
# ## 2. `LinearFunction` and `ctx.needs_input_grad`
# Freeze one input and watch which gradient formulas the backward still runs.

# %%
X = torch.randn(5, 4, generator=g, dtype=torch.float64)
W = torch.randn(4, 3, generator=g, dtype=torch.float64)
b = torch.randn(3, generator=g, dtype=torch.float64)
for needs in [(True, True, True), (False, True, True), (True, False, False)]:
    inputs = [t.detach().requires_grad_(n) for t, n in zip((X, W, b), needs, strict=True)]
    with record_formulas() as calls:
        linear(*inputs).sum().backward()
    print(f"requires_grad (X, W, b) = {needs}: ran {calls}")

# %% [markdown]
# ## 3. Batch dimensions, and the module

# %%
layer = Linear(4, 3)
print(layer)
X3 = torch.randn(2, 7, 4, generator=g)
print("(2, 7, 4) ->", tuple(layer(X3).shape))
print("keyword wrapper:", torch.allclose(linear_fn(X3, W=layer.weight, b=layer.bias), layer(X3)))

# %% [markdown]
# ## 4. Two layouts: `nn.Linear` keeps `(out, in)`, we keep `(in, out)`

# %%
theirs = nn.Linear(4, 3)
ours = from_nn_linear(theirs)
print(tuple(theirs.weight.shape), "->", tuple(ours.weight.shape))
print("same outputs:", torch.allclose(ours(X3), theirs(X3)))

# %% [markdown]
# ## 5. gradcheck: why float64
# The central difference has two errors: truncation (grows like eps²) and rounding (grows like
# 1/eps, scaled by the dtype's precision). In float32 the best eps still leaves an error far above
# float64's, and gradcheck's default `eps=1e-6` sits deep in float32's rounding regime.

# %%
eps = [10.0**-k for k in range(1, 11)]
fig, ax = plt.subplots(figsize=(6, 3.5))
for dtype in (torch.float32, torch.float64):
    ax.loglog(eps, difference_errors(eps, dtype), "o-", label=str(dtype))
ax.axvline(1e-6, color="gray", linestyle="--", label="gradcheck's eps")
ax.set_xlabel("eps")
ax.set_ylabel("|numerical - exact| for d/dx exp(x) at 1")
ax.legend()
plt.show()

# %%
for dtype, options in [(torch.float64, {}), (torch.float32, {}),
                       (torch.float32, {"eps": 1e-2, "atol": 1e-2, "rtol": 1e-2})]:
    good = passes(linear, make_inputs(dtype), **options)
    bad = passes(SlightlyWrongLinear.apply, make_inputs(dtype), **options)
    print(f"{str(dtype):14} {options or 'defaults'}: correct passes={good}, 1%-wrong passes={bad}")
big = make_inputs(n=32, in_features=16, out_features=8)
print("forward calls, full vs fast_mode:", count_calls(linear, big, False), count_calls(linear, big, True))

# %% [markdown]
# ## 6. The modern path: `torch.library.custom_op`

# %%
X, W, b = make_inputs(torch.float64)
print(torch.ops.ch04.linear.default._schema)
print(torch.library.opcheck(linear_op, (X, W, b)))
compiled = torch.compile(lambda X, W, b: linear_op(X, W, b).sum(), fullgraph=True,
                         backend="aot_eager")
print("compiled == eager:", torch.allclose(compiled(X, W, b), linear_op(X, W, b).sum()))
