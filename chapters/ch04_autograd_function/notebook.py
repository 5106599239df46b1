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
# Autograd knows the derivative of every built-in operation. When you write an
# operation of your own (a fused kernel, a call into C++, a trick autograd
# cannot see through) you have to tell it the derivative yourself. This chapter
# does that for the most common layer there is, `Y = X W + b`, first by hand
# with `torch.autograd.Function`, then the modern way with `torch.library`, and
# checks every formula against autograd along the way.
#
# Run it: `make chapter-4` (the walk-through, then the tests), or
# `.venv/bin/python -m chapters.ch04_autograd_function` for the walk-through alone.

# %% [markdown]
# ## What you'll learn
#
# * The gradients of a matrix product `C = A B`, derived entry by entry and
#   then as matrices, and the gradient of a bias added to every row.
# * How to write a `torch.autograd.Function`: static `forward` and `backward`,
#   `ctx.save_for_backward`, `ctx.needs_input_grad`, returning `None`.
# * How to wrap it for users: an alias, a function with keyword arguments, an
#   `nn.Module` with `nn.Parameter`s, an init and `extra_repr`.
# * The two weight layouts, ours `(in, out)` and `nn.Linear`'s `(out, in)`.
# * How to *prove* a backward right with `gradcheck` and `gradgradcheck`, why
#   that must happen in float64, and what `fast_mode` saves.
# * The same op as a `torch.library.custom_op` that passes `opcheck` and
#   compiles under `torch.compile(fullgraph=True)`.
#
# The convention throughout (and in chapter 5's C++ extension `mylinearops`):
# `Y = X W + b` with `X` of shape `(*, in)`, `W` of shape `(in, out)`, `b` of
# shape `(out,)` and `Y` of shape `(*, out)`.

# %% [markdown]
# ## 1. The math: gradients of `C = A B`
#
# Let `A` be `(n, k)`, `B` be `(k, m)` and `C = A B`, so
# `C[i, j] = sum_q A[i, q] B[q, j]`. Some scalar loss `L` is computed from `C`.
# Backward receives `G = dL/dC`, an `(n, m)` matrix with `G[i, j] = dL/dC[i, j]`,
# and must return `dL/dA` and `dL/dB`.
#
# **Entry by entry.** The chain rule sums over every entry of `C` that depends
# on the entry we differentiate by:
#
# * `dL/dA[p, q] = sum_{i, j} G[i, j] * dC[i, j]/dA[p, q]`. `A[p, q]` appears
#   only in row `p` of `C`, multiplied by `B[q, j]`: `dC[i, j]/dA[p, q]` is
#   `B[q, j]` when `i == p` and 0 otherwise. So
#   `dL/dA[p, q] = sum_j G[p, j] B[q, j]`.
# * `dL/dB[p, q] = sum_{i, j} G[i, j] * dC[i, j]/dB[p, q]`. `B[p, q]` appears
#   only in column `q` of `C`, multiplied by `A[i, p]`. So
#   `dL/dB[p, q] = sum_i A[i, p] G[i, q]`.
#
# **As matrices.** `sum_j G[p, j] B[q, j]` is row `p` of `G` times row `q` of
# `B`, which is entry `(p, q)` of `G Bᵀ`; `sum_i A[i, p] G[i, q]` is entry
# `(p, q)` of `Aᵀ G`:
#
#     dL/dA = dL/dC · Bᵀ        (n, m) @ (m, k) -> (n, k), the shape of A
#     dL/dB = Aᵀ · dL/dC        (k, n) @ (n, m) -> (k, m), the shape of B
#
# The shapes are a free check: unless some sizes are equal, there is only one
# way to combine `G` with `B` (or `A`) that lands on the shape of `A` (or `B`).
#
# **The bias.** `Y = Z + b` adds `b` (shape `(m,)`) to every row:
# `Y[i, j] = Z[i, j] + b[j]`. `b[q]` touches every entry of column `q`, each
# with derivative 1, so `dL/db[q] = sum_i G[i, q]`: the **column sum** of `G`.
#
# For the layer, `X` plays `A` and `W` plays `B`:
# `dX = dY Wᵀ`, `dW = Xᵀ dY`, `db = dY.sum(0)`. The formulas live in
# `grads.py`; here they are against autograd:

# %%
# ruff: noqa: B015, B018, E401, E501, E702, F401, I001 (the lesson's code, as in README.md)
# generated from README.md by `python -m common.lesson`: edit the README, not this file
import torch
from chapters.ch04_autograd_function.grads import (
    bias_grad, matmul_grads, matmul_grads_entrywise)
g = torch.Generator().manual_seed(0)
A = torch.randn(3, 4, generator=g, dtype=torch.float64, requires_grad=True)
B = torch.randn(4, 2, generator=g, dtype=torch.float64, requires_grad=True)
G = torch.randn(3, 2, generator=g, dtype=torch.float64)  # plays dL/dC
(A @ B).backward(G)  # autograd: backward(G) means "dL/dC is G"
dA, dB = matmul_grads(A.detach(), B.detach(), G)
torch.allclose(dA, A.grad), torch.allclose(dB, B.grad)

# %%
dA_loops, dB_loops = matmul_grads_entrywise(A.detach(), B.detach(), G)
torch.allclose(dA_loops, dA), torch.allclose(dB_loops, dB)

# %% [markdown]
# A case small enough to check in your head: with `L = C[0, 0] = 1·5 + 2·7`,
# only the first row of `A` and the first column of `B` matter.

# %%
A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
B = torch.tensor([[5.0, 6.0], [7.0, 8.0]])
G = torch.tensor([[1.0, 0.0], [0.0, 0.0]])
matmul_grads(A, B, G)

# %%
bias_grad(torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))

# %% [markdown]
# ## 2. `LinearFunction`: forward and backward by hand
#
# A `torch.autograd.Function` is a class with two **static** methods. The
# heart of `function.py` (shape checks and batch dimensions left out here):
#
# ```python
# class LinearFunction(torch.autograd.Function):
#     @staticmethod
#     def forward(ctx, X, W, b=None):
#         Y = X @ W                      # (N, in) @ (in, out) -> (N, out)
#         if b is not None:
#             Y = Y + b
#         need_x, need_w = ctx.needs_input_grad[0], ctx.needs_input_grad[1]
#         ctx.save_for_backward(X if need_w else None, W if need_x else None)
#         return Y
#
#     @staticmethod
#     def backward(ctx, dY):
#         X, W = ctx.saved_tensors
#         dX = dW = db = None
#         if ctx.needs_input_grad[0]:
#             dX = dY @ W.T              # (N, out) @ (out, in) -> (N, in)
#         if ctx.needs_input_grad[1]:
#             dW = X.T @ dY              # (in, N) @ (N, out) -> (in, out)
#         if len(ctx.needs_input_grad) > 2 and ctx.needs_input_grad[2]:
#             db = dY.sum(0)             # (N, out) -> (out,); False for b=None
#         return dX, dW, db              # one entry per input of forward
# ```
#
# * `ctx` is the bag that travels from forward to backward. Tensors go
#   through `ctx.save_for_backward(...)` and come back as `ctx.saved_tensors`:
#   autograd then checks they were not modified in place in between and frees
#   them with the graph. Other things (shapes, flags) are plain attributes.
# * `ctx.needs_input_grad` is a tuple of booleans, one per input of `forward`.
#   A frozen layer or an input batch does not need a gradient, and the matrix
#   product that would compute it is the most expensive line of `backward`.
#   We skip it, and we do not even save the tensor that only it would read.
# * `backward` returns one value per input of `forward`, `None` for those
#   without a gradient (including non-tensors). Extra trailing `None`s are
#   accepted: that is what happens when `apply` got only `X` and `W`.
# * You never call `forward` yourself: `LinearFunction.apply(...)` runs it and
#   records the node in the graph.

# %%
from chapters.ch04_autograd_function.function import LinearFunction, linear, linear_fn
X = torch.randn(5, 4, generator=g, dtype=torch.float64, requires_grad=True)
W = torch.randn(4, 3, generator=g, dtype=torch.float64, requires_grad=True)
b = torch.randn(3, generator=g, dtype=torch.float64, requires_grad=True)
Y = linear(X, W, b)  # linear = LinearFunction.apply
Y.shape, type(Y.grad_fn).__name__

# %%
torch.allclose(Y, X @ W + b)

# %%
Y.sum().backward()
b.grad  # column sum of dY = ones(5, 3)

# %% [markdown]
# Is an unneeded gradient really skipped? `spy.record_formulas()` records
# which of the formulas in `grads.py` a backward pass runs:

# %%
from chapters.ch04_autograd_function.spy import record_formulas
frozen_W = W.detach()  # a frozen weight: no gradient wanted
with record_formulas() as calls:
    linear(X, frozen_W, b).sum().backward()
calls

# %%
with record_formulas() as calls:
    linear(X.detach(), W, b).sum().backward()  # the usual case: data needs no grad
calls

# %%
linear(X.detach(), W, b).grad_fn.saved_tensors[1] is None  # W not even kept

# %% [markdown]
# **The alias and the wrapper.** `linear = LinearFunction.apply` is just a
# short name. `apply` is a built-in method: it has no docstring and no
# signature that `help()` or an editor could show, and it forwards whatever
# it gets. With `linear(X, W)` the default `b=None` of `forward` applies, but
# `ctx.needs_input_grad` then has only two entries (one per argument actually
# passed), which is why the real `backward` checks its length.
# `linear_fn(X, W, b=None)` is a plain function with a real signature, a
# docstring and a default for the bias, and always passes all three:

# %%
linear.__doc__ is None, linear_fn.__doc__.split(",")[0]

# %%
torch.equal(linear_fn(X, W, b=b), linear(X, W, b))

# %%
torch.allclose(linear_fn(X, W), X @ W)  # no bias

# %% [markdown]
# ## 3. Leading batch dimensions and bad input
#
# Like `nn.Linear`, the op accepts `X` of shape `(*, in)`: every leading
# dimension is a batch dimension. Forward flattens them into one,
# `(*, in) -> (N, in)`, multiplies, and restores them, `(N, out) -> (*, out)`;
# backward does the same to `dY` and reshapes `dX` back to `X`'s shape. The sum
# over rows in `dW = Xᵀ dY` and `db = dY.sum(0)` then runs over *all* batch
# positions, as it must: every position used the same `W`.

# %%
X3 = torch.randn(2, 7, 4, generator=g, dtype=torch.float64, requires_grad=True)
Y3 = linear_fn(X3, W, b)
Y3.shape

# %%
Y3.sum().backward()
X3.grad.shape

# %% [markdown]
# Bad input fails before any arithmetic, with a message that names the
# problem (`checks.py`):

# %%
try:
    linear_fn(torch.randn(2, 3), torch.randn(4, 5))
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %%
try:
    linear_fn(torch.ones(2, 3, dtype=torch.int64), torch.randn(3, 5))
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %%
try:
    linear_fn(torch.tensor(3.0), torch.randn(1, 5))
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %% [markdown]
# ## 4. A `Linear` module
#
# `module.py` wraps the function into a layer. The weight and bias are
# `nn.Parameter`s, so `parameters()`, optimizers, `.to()` and `state_dict()`
# see them; a layer without bias registers `bias` as `None` so the attribute
# still exists. The init draws both uniformly from `±1/sqrt(in_features)`, the
# bound that `nn.Linear`'s default init works out to. `extra_repr` is what
# `print(layer)` shows inside the parentheses.

# %%
from chapters.ch04_autograd_function.module import Linear
_ = torch.manual_seed(0)
layer = Linear(4, 3)
layer

# %%
[(name, tuple(p.shape)) for name, p in layer.named_parameters()]

# %%
layer(torch.randn(2, 5, 4)).shape

# %%
Linear(4, 3, bias=False).bias is None

# %% [markdown]
# ## 5. Two weight layouts
#
# `nn.Linear` stores its weight as `(out, in)` and computes `X Wᵀ + b`; we
# store `(in, out)` and compute `X W + b`. Neither is wrong: `(out, in)` makes
# each output's weights one contiguous row, `(in, out)` reads like the math
# and is what `mylinearops` (chapter 5) uses. Converting is a transpose, and
# the gradients transpose with it. `layouts.py` converts both ways:

# %%
from torch import nn
from chapters.ch04_autograd_function.layouts import from_nn_linear, to_nn_linear
theirs = nn.Linear(4, 3)
ours = from_nn_linear(theirs)
tuple(theirs.weight.shape), tuple(ours.weight.shape)

# %%
X = torch.randn(6, 4)
torch.allclose(ours(X), theirs(X))

# %%
ours(X).sum().backward(); theirs(X).sum().backward()
torch.allclose(ours.weight.grad, theirs.weight.grad.T)

# %%
torch.equal(to_nn_linear(ours).weight, theirs.weight)

# %% [markdown]
# For a square layer, copying the weight without transposing "works" (the
# shapes match) and silently computes something else; a test shows it.

# %% [markdown]
# ## 6. Proving a backward right: `gradcheck` and `gradgradcheck`
#
# `torch.autograd.gradcheck(fn, inputs)` builds the Jacobian twice: once
# numerically, by nudging each input entry by `±eps` and taking the central
# difference `(f(x + eps) - f(x - eps)) / (2 eps)`, and once from your
# `backward`. It passes when every entry agrees within `atol + rtol·|numerical|`
# (defaults `eps=1e-6`, `atol=1e-5`, `rtol=1e-3`). `gradgradcheck` does the
# same for the backward itself (second derivatives); ours passes because our
# backward is made of differentiable torch ops.

# %%
from torch.autograd import gradcheck, gradgradcheck
from chapters.ch04_autograd_function.gradchecks import (
    SlightlyWrongLinear, central_difference, count_calls, make_inputs, passes)
inputs = make_inputs(torch.float64)  # X (4, 3), W (3, 2), b (2,)
gradcheck(linear, inputs), gradgradcheck(linear, inputs)

# %%
passes(SlightlyWrongLinear.apply, inputs)  # dX 1% too large: caught

# %% [markdown]
# **Why float64.** In float32 the same, correct op fails:

# %%
passes(linear, make_inputs(torch.float32))

# %%
x = torch.tensor(1.2345678)  # float32; d(x²)/dx = 2.4691355
central_difference(lambda t: t * t, x, 1e-6)

# %%
central_difference(lambda t: t * t, x.double(), 1e-6)

# %% [markdown]
# float32 keeps about 7 significant digits: between 1 and 2 its values are
# `2⁻²³ ≈ 1.2e-7` apart. Two roundings spoil the quotient. First `x ± eps`
# itself lands on that grid: the step really taken is 16 grid steps,
# `1.907e-6`, not `2e-6`, so dividing by `2 eps` is already 4.6% off. Then
# `f(x + eps)` and `f(x - eps)` are rounded, and their difference is only 39
# grid steps, so half a step of rounding is another percent or so. Together:
# 2.3246 instead of 2.4691, 6% low, and the result can only be a multiple of
# `2⁻²³ / 2e-6 ≈ 0.06` (39 of them here). float64's grid is `2⁻⁵²`
# relative, which leaves room for `eps = 1e-6` to be both small (little
# truncation error, the curvature of `f`) and large (little rounding error).
# `gradchecks.difference_errors` measures the central difference's error
# against `eps` for both dtypes (for `exp` at 1, eps from 1e-1 down to 1e-10):
# float32's best is more than 1000 times float64's best.

# %%
from chapters.ch04_autograd_function.gradchecks import difference_errors
eps_values = [10.0**-k for k in range(1, 11)]
best32 = min(difference_errors(eps_values, torch.float32))
best64 = min(difference_errors(eps_values, torch.float64))
best32 > 1000 * best64

# %% [markdown]
# Making float32 "pass" takes a larger `eps` and looser tolerances, and then it
# also passes the buggy backward:

# %%
loose = dict(eps=1e-2, atol=1e-2, rtol=1e-2)
passes(linear, make_inputs(torch.float32), **loose)

# %%
passes(SlightlyWrongLinear.apply, make_inputs(torch.float32), **loose)  # bug missed

# %% [markdown]
# So: check gradients in float64 (gradcheck also warns when an input is not),
# then trust the same code in float32.
#
# **`fast_mode`.** The full check evaluates the function twice per input
# entry, which grows with the size of the inputs. `fast_mode=True` compares
# `vᵀ J u` for random vectors `u` and `v` instead, one number per input, from a
# handful of evaluations, whatever the size:

# %%
big = make_inputs(n=32, in_features=16, out_features=8)
count_calls(linear, big, fast_mode=False), count_calls(linear, big, fast_mode=True)

# %%
passes(SlightlyWrongLinear.apply, make_inputs(), fast_mode=True)

# %% [markdown]
# 1298 is `2 × (32·16 + 16·8 + 8)` nudges plus 2 plain calls. A projection can
# in principle hide an error that cancels out, so use the full mode on small
# inputs in unit tests and `fast_mode` where the full Jacobian is too big.
#
# All the verdicts side by side, for the correct backward and the 1%-wrong one,
# each in the full mode and in `fast_mode`:

# %%
for name, dtype, settings in (("float64", torch.float64, {}), ("float32", torch.float32, {}),
                              ("float32, loose", torch.float32, loose)):
    verdicts = [passes(fn, make_inputs(dtype), fast_mode=fast, **settings)
                for fn in (linear, SlightlyWrongLinear.apply) for fast in (False, True)]
    print(f"{name:14}  correct: {verdicts[:2]}  1% wrong: {verdicts[2:]}")

# %% [markdown]
# Only float64 with the default tolerances tells the two apart, in both modes.

# %% [markdown]
# ## 7. The modern path: `torch.library.custom_op`
#
# `torch.compile` can trace *into* a Python `autograd.Function` when it can
# read every line of it (ours compiles too; a test checks it). That stops
# working once the forward calls something the compiler cannot look inside, a
# C++ or CUDA kernel like chapter 5's, or a foreign library. Then the op has to
# be a registered operator: a name and a schema, a kernel the compiler treats
# as a black box, a *fake* kernel that tells it the output's shape, and an
# autograd rule. `custom_op.py` declares our layer that way:
#
# ```python
# @torch.library.custom_op("ch04::linear", mutates_args=())
# def linear_op(X: Tensor, W: Tensor, b: Optional[Tensor] = None) -> Tensor:
#     ...                                          # the real computation
#
# @linear_op.register_fake
# def _(X, W, b=None):
#     return X.new_empty((*X.shape[:-1], W.shape[1]))   # shapes only, no data
#
# linear_op.register_autograd(_backward, setup_context=_setup_context)
# ```
#
# * The schema comes from the type hints: `mutates_args=()` promises the op
#   writes to none of its inputs, and the result must be a new tensor (not a
#   view of an input).
# * The **fake** kernel gives the output's shape, dtype and device without
#   computing anything; the compiler runs it on "fake" tensors (metadata, no
#   data) while tracing. It checks the inputs too, so bad shapes fail while
#   compiling, with our message inside the compiler's `RuntimeError`.
# * `register_autograd` splits the autograd.Function in two: `setup_context`
#   saves what backward needs (it sees the inputs and the output), `backward`
#   returns one gradient per input. It reuses the formulas of section 1.

# %%
from chapters.ch04_autograd_function.custom_op import linear_op
torch.ops.ch04.linear.default._schema

# %%
X, W, b = make_inputs(torch.float64)
torch.allclose(torch.ops.ch04.linear(X, W, b), linear(X, W, b))

# %%
gradcheck(linear_op, (X, W, b))

# %% [markdown]
# `torch.library.opcheck` runs the standard battery: the schema matches what
# the op really does (no hidden mutation or aliasing), autograd is registered
# correctly, the fake kernel agrees with the real one, and the op survives
# AOT tracing with dynamic shapes.

# %%
torch.library.opcheck(linear_op, (X, W, b))

# %% [markdown]
# Under `torch.compile(fullgraph=True)` any graph break is an error, so this
# shows the op traces as one node. (The `aot_eager` backend traces forward and
# backward through the fake kernel without generating code, which keeps this
# example fast; the tests also compile with the default inductor backend.)

# %%
def loss_fn(X, W, b):
    return torch.relu(linear_op(X, W, b)).square().mean()
compiled = torch.compile(loss_fn, fullgraph=True, backend="aot_eager")
torch.allclose(compiled(X, W, b), loss_fn(X, W, b))

# %% [markdown]
# ## Traps
#
# * **Calling `forward` directly.** `LinearFunction.forward(ctx, ...)` skips
#   the graph. Always go through `apply` (or an alias/wrapper of it).
# * **Returning the wrong number of gradients.** `backward` returns one value
#   per input of `forward`; `None` for non-tensors and for inputs that need no
#   gradient.
# * **Ignoring `ctx.needs_input_grad`.** Correct but wasteful: with a frozen
#   weight you would still pay a full matrix product for `dW` nobody reads.
# * **Saving tensors as attributes** (`ctx.X = X`). Use `save_for_backward`:
#   it detects a tensor modified in place between forward and backward (an
#   error instead of a silently wrong gradient), and saving the *output* as an
#   attribute creates a reference cycle that keeps memory alive.
# * **gradcheck in float32.** It fails correct code and, loosened, passes
#   wrong code. Use float64 inputs.
# * **The weight layout.** `nn.Linear.weight` is `(out, in)`. Copying it into
#   an `(in, out)` layer needs `.T`; for a square layer the shapes hide the bug.
# * **Forgetting the batch sum.** With inputs `(B, T, in)`, `dW` and `db` sum
#   over *all* of `B·T` positions; flattening to `(N, in)` first makes that
#   automatic.
# * **`from __future__ import annotations` in a `custom_op` module.** The
#   schema is inferred from type hints; keep them real objects there.

# %% [markdown]
# ## Exercises
#
# **Practice mode.** The exercises below have a judge: you write the answer in
# `practice/<slug>/solution.py`, and the judge runs it on generated inputs (small
# integer-valued float64 tensors) against the chapter's code, shows the smallest
# input where they differ and names the trap when your output is a known wrong
# answer's. Start one with `make practice EX=<slug>` (the statement, a stub, an
# example), judge it with `make check EX=<slug>`; `make hint`, `make watch` and
# `make reveal` take the same `EX=`.
#
# | slug | you write | the judge checks | traps it knows |
# |---|---|---|---|
# | `ch04_linear_grads` | `linear_grads(X, W, dY) -> (dX, dW, db)` (sections 1, 5) | the three tensors | dW transposed; db summed per row; db as a mean |
# | `ch04_linear_function` | `LinearFunction` (sections 2, 5) | `Y`, every value `backward` returns, the matrix-product FLOPs it spends on gradients nobody asked for, `gradcheck` | dW transposed; `ctx.needs_input_grad` ignored; db not summed |
# | `ch04_linear_op` | `linear_op` as a `custom_op` (section 7) | `Y`, the gradients, `opcheck`; on the example also `torch.compile(fullgraph=True)` | no fake kernel; a fake of the wrong shape; no autograd formula |
#
# For instance `make practice EX=ch04_linear_function`, then
# `make check EX=ch04_linear_function`.
#
# More, without a judge:
#
# 1. Derive the gradients of `C = A Bᵀ` (as `nn.Linear` computes) entry by
#    entry, and check them with `matmul_grads` and a transpose.
# 2. Add a `scale` float argument to `LinearFunction` (`Y = scale · X W + b`).
#    What does `backward` return for it? Prove it with `gradcheck`.
# 3. Change the forward to save `X` and `W` unconditionally and use
#    `record_formulas` plus `grad_fn.saved_tensors` to see what changes.
# 4. Replace `Y.sum()` by a loss that makes `gradgradcheck` interesting: check
#    the Hessian of `(linear(X, W, b) ** 2).sum()` with respect to `W`.
# 5. Give `linear_op` a second output (the pre-bias product) and update the
#    fake kernel and `setup_context`; keep `opcheck` green.

# %% [markdown]
# ## Summary
#
# * For `C = A B`: `dA = dC Bᵀ`, `dB = Aᵀ dC`; for a row-broadcast bias,
#   `db` is the column sum of `dY`. The shapes check the formula.
# * A `torch.autograd.Function` has static `forward(ctx, ...)` and
#   `backward(ctx, grad)`, saves tensors with `ctx.save_for_backward`, skips
#   work with `ctx.needs_input_grad`, and returns `None` where there is no
#   gradient. Use it through `apply`, an alias, a keyword wrapper or a module.
# * `Y = X W + b` with `W (in, out)` and `nn.Linear`'s `X Wᵀ + b` with
#   `W (out, in)` are the same layer up to a transpose.
# * Check gradients with `gradcheck`/`gradgradcheck` in float64;
#   `fast_mode` makes large inputs affordable.
# * `torch.library.custom_op` + `register_fake` + `register_autograd` makes a
#   real operator: `opcheck` verifies it, `torch.compile(fullgraph=True)`
#   traces it. Chapter 5 does the same with C++ and CUDA kernels.

# %% [markdown]
# ## Files
#
# | file | what |
# |---|---|
# | `grads.py` | the gradient formulas, in matrix form and entry by entry |
# | `function.py` | `LinearFunction`, the alias `linear`, the wrapper `linear_fn` |
# | `checks.py` | input validation with clear errors |
# | `module.py` | the `Linear` module |
# | `layouts.py` | conversion to and from `nn.Linear` |
# | `gradchecks.py` | gradcheck helpers, a deliberately wrong backward, call counting |
# | `custom_op.py` | `ch04::linear` via `torch.library.custom_op` |
# | `spy.py` | records which gradient formulas a backward runs |
# | `notebook.py` | the read-along notebook, generated from this README (`.venv/bin/python -m common.lesson chapters/ch04_autograd_function`) |
# | `__main__.py` | the walk-through: every example above, run live with its real output |
