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
# # Chapter 1: Tensors
#
# A tensor is a block of numbers in memory plus a small description of how to
# read it: a shape, a dtype, a device, and strides. Almost everything in this
# chapter follows from that one sentence. Once you can predict the shape, the
# dtype and the memory of a result *before* you run the line, the rest of
# PyTorch gets much easier to read.

# %% [markdown]
# ## What you'll learn
#
# * how to create tensors from data and from factories (`zeros`, `ones`,
#   `arange`, `linspace`, `randn` with a `torch.Generator`), and how
#   `torch.tensor` picks a shape and a dtype;
# * dtypes and devices: `.to`, and the type-promotion rules that decide the
#   dtype of `a + b`;
# * indexing: basic slicing, boolean masks, and integer ("fancy") indexing;
# * views versus copies: storage, strides, `is_contiguous`, `view` versus
#   `reshape`, `transpose`/`permute`, `clone`;
# * broadcasting: the rule, in one sentence, and how it costs no memory;
# * element-wise operations and reductions along a dim, with `keepdim`;
# * in-place operations (the `_` suffix) and when they bite;
# * `matmul`, `@` and `einsum`, with einsum written out as plain loops.
#
# Run it:
#
# ```bash
# make chapter-1                                  # walk-through, then the tests
# .venv/bin/python -m chapters.ch01_tensors       # only the walk-through
# .venv/bin/python -m chapters.ch01_tensors 5 8   # only sections 5 and 8
# .venv/bin/python -m pytest chapters/ch01_tensors -q
# .venv/bin/python -m chapters.ch01_tensors.bench  # views vs copies, loops vs torch
# ```
#
# Every `>>>` example below is executed by the tests (as a doctest), so what you
# read is what PyTorch really prints. The walk-through runs the same examples
# and shows their live output, and `notebook.py` is the same lesson as a
# notebook, generated from this file (`common/lesson.py` does all three). The
# chapter's code lives in small files, one idea each:
#
# | file | what it holds |
# |---|---|
# | `creation.py` | `infer_shape`, `infer_dtype` (how `torch.tensor` reads lists), `arange_length` |
# | `dtypes.py` | `promote_types`, `result_type`: the promotion rules, written out |
# | `indexing.py` | `pick_pairs`, `select_by_mask`: advanced indexing as loops |
# | `views.py` | `contiguous_strides`, `is_contiguous`, `storage_index`, `shares_storage` |
# | `broadcasting.py` | `broadcast_shape`, `broadcast_strides`, `expand_by_hand` |
# | `reductions.py` | `reduced_shape`, `softmax`, `standardize` |
# | `matmul.py` | `matmul_shape`, `matmul_loops`, `einsum_loops` |
# | `solutions.py` | reference answers to the exercises |
# | `bench.py` | timings: views against copies, Python loops against `@` (tables + a plot) |
#
# Each function is tested against PyTorch itself (`torch.broadcast_shapes`,
# `torch.result_type`, `torch.einsum`, ...) on many inputs.
#
# We start with the imports every example uses:

# %%
# ruff: noqa: B015, B018, E401, E501, E702, F401, I001 (the lesson's code, as in README.md)
# generated from README.md by `python -m common.lesson`: edit the README, not this file
import torch
from chapters.ch01_tensors import broadcasting, creation, dtypes, indexing
from chapters.ch01_tensors import matmul, reductions, views

# %% [markdown]
# ## 1. Creating tensors
#
# `torch.tensor` copies Python data into a new tensor. It walks the nested
# lists to find the shape (one dim per level of nesting) and looks at the
# values to choose a dtype:

# %%
X = torch.tensor([[1, 2, 3], [4, 5, 6]])
X

# %%
X.shape, X.dtype, X.device

# %%
torch.tensor([1, 2.5]).dtype

# %%
torch.tensor([True, False]).dtype

# %%
torch.tensor([1, 2j]).dtype

# %%
torch.tensor(3.0).shape

# %% [markdown]
# Whole numbers become `int64`, any float makes the whole tensor the *default
# float dtype* (`float32` unless you change it), and a single number gives a
# zero-dim tensor with shape `()`. `creation.infer_shape` and
# `creation.infer_dtype` write these rules out; the tests compare them with
# `torch.tensor` on many inputs. Every row must have the same length; ragged
# data is an error, not a padded tensor:

# %%
creation.infer_shape([[1, 2, 3], [4, 5, 6]]), creation.infer_dtype([[1, 2], [3, 4.0]])

# %%
try:
    torch.tensor([[1, 2], [3]])
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %%
try:
    creation.infer_shape([[1, 2], [3]])
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %% [markdown]
# Factories build a tensor from a shape instead of from data:

# %%
torch.zeros(2, 3)

# %%
torch.ones(2, dtype=torch.int64)

# %%
torch.full((2, 2), 7.0)

# %%
torch.arange(5)

# %%
torch.arange(1, 2, 0.25)

# %%
torch.linspace(0, 1, steps=5)

# %%
torch.zeros_like(X)

# %% [markdown]
# `arange(start, end, step)` stops *before* `end` and you give it the step;
# `linspace(start, end, steps)` includes both ends and you give it the count.
# When the step is a float, prefer `linspace`: see the Traps section for an
# `arange` that includes its end point.
#
# Random tensors come from a random number generator. Passing your own
# `torch.Generator` makes the numbers repeatable without touching the global
# seed that the rest of the program shares:

# %%
g = torch.Generator().manual_seed(0)
a = torch.randn(2, 3, generator=g)
a

# %%
g = torch.Generator().manual_seed(0)
torch.equal(a, torch.randn(2, 3, generator=g))

# %%
torch.randint(0, 10, (5,), generator=g)

# %% [markdown]
# `common.seed.seed_everything(seed)` seeds Python, NumPy and torch at once and
# hands back such a generator; the later chapters use it.

# %% [markdown]
# ## 2. dtype and device
#
# A tensor's dtype is the type of each element; its device is where the memory
# lives (`cpu`, `cuda`, ...). `.to` converts either one and returns a new
# tensor, unless nothing needs to change, in which case it returns the very
# same tensor:

# %%
x = torch.tensor([1.5, -2.7])
x.to(torch.int64)

# %%
x.to(torch.float64)

# %%
x.to(torch.float32) is x

# %%
x.to("cpu") is x

# %%
torch.empty(1000, 1000, device="meta")

# %% [markdown]
# Converting a float to an integer truncates towards zero (`-2.7` becomes `-2`).
# The `meta` device holds shapes and dtypes but no data at all, which is handy
# for checking shapes of huge tensors. On a machine with a GPU you would write
# `device = torch.device("cuda" if torch.cuda.is_available() else "cpu")` and `X.to(device)`; operands of
# one operation must sit on the same device, or PyTorch raises a
# `RuntimeError`. (The one exception: a zero-dim CPU tensor may meet a CUDA
# tensor, because it counts like a Python number. `tests/test_cuda.py` checks
# this and the chapter's other rules on a GPU, and skips without one.)
#
# ### Type promotion
#
# When the operands of an operation have different dtypes, PyTorch picks one
# result dtype with a few rules:
#
# 1. **Kinds are ordered** `bool < integer < floating < complex`. Two
#    dtypes of the same kind promote to the wider one (`int32` and `int64` give
#    `int64`).
# 2. **Tensors with dims outrank zero-dim tensors, which outrank Python
#    numbers.** A lower-ranked operand only matters when its *kind* is higher:
#    then the result takes that operand's dtype (a Python float counts as the
#    default float dtype, `float32`). Within a kind it never widens the result.

# %%
i32 = torch.tensor([1, 2], dtype=torch.int32)
(i32 + torch.tensor([1, 2])).dtype

# %%
(i32 + 1).dtype

# %%
(i32 + 1.5).dtype

# %%
(i32 + torch.tensor(1.5, dtype=torch.float64)).dtype

# %%
half = torch.tensor([1.0], dtype=torch.float16)
(half + torch.tensor(1.0, dtype=torch.float64)).dtype

# %%
(half + torch.tensor([1.0], dtype=torch.float64)).dtype

# %%
torch.tensor([1, 2]) / 2

# %%
torch.tensor([7, -7]) // 2

# %% [markdown]
# Rule 2 is why `i32 + 1` stays `int32` and `half + (zero-dim float64)` stays
# `float16`, while a tensor with dims of `float64` wins. True division `/`
# always gives a float; floor division `//` keeps integers and rounds towards
# minus infinity. `dtypes.result_type` is the rule above written in Python; the
# tests check it against `torch.result_type` for every pair of 12 dtypes, in
# each of the three ranks, and for Python scalars:

# %%
dtypes.result_type(i32, 1.5), torch.result_type(i32, 1.5)

# %%
dtypes.promote_types(torch.uint8, torch.int8)

# %%
dtypes.promote_types(torch.float16, torch.bfloat16)

# %% [markdown]
# `uint8` and `int8` promote to `int16`, the smallest type that holds both
# ranges, and `float16` with `bfloat16` goes to `float32` for the same reason.

# %% [markdown]
# ## 3. Indexing and slicing
#
# Basic indexing uses integers, slices `start:stop:step`, `None` (a new dim of
# size 1) and `...` (all the dims not mentioned). An integer removes its dim, a
# slice keeps it:

# %%
X = torch.arange(12).reshape(3, 4)
X

# %%
X[1]

# %%
X[:, 1]

# %%
X[:, 1:2]

# %%
X[::2, 1::2]

# %%
X[..., -1]

# %%
X[None].shape, X[:, None].shape

# %%
try:
    X[:, ::-1]
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %%
X.flip(1)[0]

# %% [markdown]
# Unlike NumPy, PyTorch slices cannot step backwards; `flip` reverses a dim
# (as a copy).
#
# A **boolean mask** of the same shape picks the elements where it is `True`,
# in row-major order, as a 1-D tensor. Assigning through a mask writes into the
# original:

# %%
mask = X % 3 == 0
mask

# %%
X[mask]

# %%
Y = X.clone()
Y[Y > 8] = 0
Y

# %%
torch.where(X > 8, X, -1)

# %% [markdown]
# **Integer ("fancy") indexing** takes a list or tensor of positions. With one
# index tensor, it picks whole rows. With two, they are *paired up* element by
# element (after broadcasting against each other), so `X[[0, 2], [1, 3]]` is
# the two elements `X[0, 1]` and `X[2, 3]`, not a 2x2 block:

# %%
X[[0, 2]]

# %%
X[[0, 2], [1, 3]]

# %%
rows = torch.tensor([[0], [2]])
cols = torch.tensor([1, 3])
X[rows, cols]

# %%
indexing.pick_pairs(X, rows, cols)

# %% [markdown]
# For a block, give the row index a trailing dim of size 1 (shape `(2, 1)`), so
# that it broadcasts with the column index `(2,)` to `(2, 2)`.
# `indexing.pick_pairs` is this rule as a loop; the tests compare it and
# `indexing.select_by_mask` with PyTorch on random inputs.
#
# One difference matters a lot: basic indexing returns a **view** (it shares
# memory with `X`), while a mask or an index tensor returns a **copy**. The
# next section explains what that means.

# %% [markdown]
# ## 4. Views and copies
#
# A tensor reads its elements from a *storage*, a flat block of memory, through
# its **strides**: `stride[d]` is how many elements to skip to move one step
# along dim `d`. Element `X[i, j]` lives at
# `storage_offset + i * stride[0] + j * stride[1]`:

# %%
X = torch.arange(12).reshape(3, 4)
X.stride(), X.storage_offset(), X.is_contiguous()

# %%
views.contiguous_strides((3, 4))

# %%
row = X[1]
row.stride(), row.storage_offset()

# %%
views.storage_index(X, (2, 1)), X.flatten()[9]

# %% [markdown]
# A tensor is **contiguous** when its strides are the row-major ones
# (`views.contiguous_strides`): walking it element by element walks memory in
# order. Many operations only change the shape/stride description and return a
# **view** of the same storage: basic indexing, `view`, `transpose`, `permute`,
# `expand`, `squeeze`/`unsqueeze`. A write through a view shows up in the
# original:

# %%
v = X.view(2, 6)
views.shares_storage(v, X)

# %%
v[0, 0] = 100
X[0, 0]

# %%
X[0, 0] = 0

# %% [markdown]
# `transpose` swaps two dims by swapping their strides; nothing moves. The
# result is not contiguous, and `view` refuses to flatten it, because no single
# stride can walk `0, 4, 8, 1, 5, ...` in one step. `reshape` does a `view` when
# it can and copies when it must:

# %%
T = X.t()
T.shape, T.stride(), T.is_contiguous()

# %%
views.shares_storage(T, X)

# %%
try:
    T.view(12)
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %%
flat = T.reshape(12)
flat

# %%
views.shares_storage(flat, X)

# %%
views.shares_storage(X.reshape(12), X)

# %% [markdown]
# `permute` reorders any number of dims the same way (an image batch stored as
# `(B, H, W, C)` is often permuted to `(B, C, H, W)`). `contiguous()` copies a
# tensor into row-major order when it is not already, and `clone()` always
# copies:

# %%
images = torch.zeros(8, 32, 32, 3)
P = images.permute(0, 3, 1, 2)
P.shape, P.stride()

# %%
P.is_contiguous(), P.contiguous().stride()

# %%
C = X.clone()
C[0, 0] = -1
X[0, 0], views.shares_storage(C, X)

# %% [markdown]
# Rule of thumb: a function that only changes shape or order gives a view
# (cheap, shares memory); anything that computes new values, or gathers with a
# mask or an index tensor, gives a fresh tensor. When in doubt, check
# `views.shares_storage` (or compare `x.untyped_storage().data_ptr()`).

# %% [markdown]
# ## 5. Broadcasting
#
# Element-wise operations accept operands of different shapes when they
# *broadcast*. **The rule:** line the shapes up on the right; in each position
# the two sizes must be equal, or one of them must be 1 (a missing dim counts as
# 1); the result has the larger size in each position.
#
# ```text
#        A:    (8, 1, 3)
#        B:       (5, 1)
#   result:    (8, 5, 3)
# ```

# %%
broadcasting.broadcast_shape((8, 1, 3), (5, 1))

# %%
torch.broadcast_shapes((8, 1, 3), (5, 1))

# %%
(torch.ones(8, 1, 3) + torch.ones(5, 1)).shape

# %%
broadcasting.broadcast_shape((3,), (4, 1)), broadcasting.broadcast_shape((0,), (1,))

# %%
try:
    broadcasting.broadcast_shape((2, 3), (4, 3))
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %%
try:
    torch.ones(2, 3) + torch.ones(4, 3)
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %% [markdown]
# A common use is centring the columns of a matrix: a `(3,)` row of means
# broadcasts over the `(2, 3)` matrix. And a column `(n, 1)` against a row
# `(m,)` makes a full `(n, m)` table, an "outer" operation:

# %%
X = torch.tensor([[1.0, 2.0, 3.0], [3.0, 4.0, 5.0]])
X - X.mean(dim=0)

# %%
torch.arange(3)[:, None] * torch.arange(4)

# %% [markdown]
# Broadcasting copies nothing. The stretched dims are given **stride 0**, so
# the same element is read again and again; `expand` shows this directly, and
# `broadcasting.expand_by_hand` builds the same view with `as_strided`:

# %%
col = torch.tensor([[1], [2], [3]])
E = col.expand(3, 4)
E.stride(), views.shares_storage(E, col)

# %%
broadcasting.broadcast_strides(col.shape, col.stride(), (2, 3, 4))

# %%
broadcasting.expand_by_hand(col, (2, 3, 4))[1]

# %% [markdown]
# Because the stretched elements share memory, writing into an expanded tensor
# in place is refused or unsafe; call `.clone()` (or `.contiguous()`) first.

# %% [markdown]
# ## 6. Element-wise operations and reductions
#
# Arithmetic, comparisons and functions such as `exp` apply element by element
# (after broadcasting). A **reduction** (`sum`, `mean`, `amax`, `argmax`, `std`,
# ...) folds a dim away. `dim` says which dim disappears; `keepdim=True` keeps
# it with size 1:

# %%
X = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
X * 2 + 1

# %%
X > 2.5

# %%
X.sum()

# %%
X.sum(dim=0)

# %%
X.sum(dim=1)

# %%
X.sum(dim=1, keepdim=True)

# %%
X.amax(dim=1), X.argmax(dim=1)

# %%
reductions.reduced_shape((2, 3, 4), dim=(0, 2)), X.new_zeros(2, 3, 4).sum(dim=(0, 2)).shape

# %%
reductions.reduced_shape((2, 3, 4), dim=1, keepdim=True)

# %% [markdown]
# Think of `dim=0` as "collapse the rows" (one result per column) and `dim=1`
# as "collapse the columns" (one result per row). `keepdim=True` matters when
# you combine the result with the original: the `(2, 1)` row sums broadcast
# back over `(2, 3)`, while the `(2,)` sums would line up with the *columns*
# (and here fail, as 2 does not match 3):

# %%
X / X.sum(dim=1, keepdim=True)

# %%
try:
    X / X.sum(dim=1)
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %% [markdown]
# `reductions.softmax` uses exactly this: subtract the row maximum (kept as a
# size-1 dim) so that `exp` cannot overflow, then divide by the row sum:

# %%
logits = torch.tensor([[1.0, 2.0, 3.0], [1000.0, 1000.0, 1000.0]])
reductions.softmax(logits, dim=1)

# %%
logits.exp().sum(dim=1)

# %% [markdown]
# ## 7. In-place operations
#
# A method whose name ends in `_` changes the tensor it is called on and
# returns that same tensor; `x += 1` is in place too, but `x = x + 1` makes a
# new tensor and rebinds the name:

# %%
x = torch.zeros(3)
y = x.add_(1)
y is x, x

# %%
before = id(x)
x += 1
id(x) == before

# %%
x = x + 1
id(x) == before

# %%
x.clamp_(max=2.5)

# %% [markdown]
# In-place writes go through views, so they can change other tensors that share
# the storage. The result must fit the tensor's dtype, because an in-place op
# cannot change it. And autograd refuses in-place changes to a leaf that
# requires a gradient (chapter 4 tells the full story):

# %%
X = torch.zeros(2, 3)
X[1].fill_(7)

# %%
X

# %%
n = torch.tensor([1, 2])
try:
    n.add_(0.5)
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %%
w = torch.ones(2, requires_grad=True)
try:
    w.mul_(2)
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %% [markdown]
# Use in-place operations to save memory on big tensors you own; avoid them on
# tensors that others may still read (views, inputs of a model, anything
# autograd needs later).

# %% [markdown]
# ## 8. `matmul`, `@` and `einsum`
#
# `*` is element-wise; `@` (the same as `torch.matmul`) is the matrix product.
# For matrices `A (n, m)` and `B (m, p)` it gives `C (n, p)` with
# `C[i, k] = sum_j A[i, j] * B[j, k]`. `matmul` also accepts vectors (a 1-D left
# operand acts as a row, a 1-D right operand as a column, and that temporary dim
# is dropped again) and stacks of matrices, whose leading *batch* dims
# broadcast:

# %%
A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
B = torch.tensor([[0.0, 1.0], [1.0, 0.0]])
A * B

# %%
A @ B

# %%
matmul.matmul_loops(A, B)

# %%
v = torch.tensor([1.0, 1.0])
A @ v, v @ A, v @ v

# %%
(torch.ones(10, 1, 3, 4) @ torch.ones(5, 4, 2)).shape

# %%
matmul.matmul_shape((10, 1, 3, 4), (5, 4, 2))

# %%
try:
    matmul.matmul_shape((3, 4), (3, 4))
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %% [markdown]
# `einsum` names every dim with a letter. Letters that appear in the inputs but
# not after `->` are summed over; letters after `->` give the output's dims in
# that order. Without `->` the output is every letter used exactly once, in
# alphabetical order:

# %%
torch.einsum("ij,jk->ik", A, B)

# %%
torch.einsum("ij->ji", A)

# %%
torch.einsum("ii->", A), torch.einsum("ii->i", A)

# %%
torch.einsum("i,j->ij", v, torch.tensor([1.0, 2.0, 3.0]))

# %%
g = torch.Generator().manual_seed(0)
Q, K = torch.randn(2, 3, 4, generator=g), torch.randn(2, 5, 4, generator=g)
scores = torch.einsum("bqd,bkd->bqk", Q, K)
scores.shape, torch.allclose(scores, Q @ K.transpose(1, 2))

# %%
torch.allclose(matmul.einsum_loops("bqd,bkd->bqk", Q, K), scores)

# %% [markdown]
# `matmul.einsum_loops` is `einsum` by brute force: one loop over every
# combination of letter values, multiply the matching elements, add into the
# output. It is slow, but it is the definition, and the tests hold
# `torch.einsum` to it on a dozen equations.

# %% [markdown]
# ## Traps
#
# * **`arange` with a float step can include its end.** The count is
#   `ceil((end - start) / step)`, computed in floating point:

# %%
torch.arange(1, 1.3, 0.1)

# %%
creation.arange_length(1, 1.3, 0.1), (1.3 - 1) / 0.1

# %%
torch.linspace(1, 1.2, steps=3)

# %% [markdown]
# * **Small integer dtypes wrap around silently**, and a Python number never
#   widens a tensor of the same kind (promotion rule 2):

# %%
torch.tensor([250], dtype=torch.uint8) + 10

# %%
torch.tensor([100], dtype=torch.int8) * 2

# %% [markdown]
# * **Two index tensors pair up, they do not make a block:** `X[[0, 2], [1, 3]]`
#   has 2 elements. Use `X[rows[:, None], cols]` for a block (Section 3).
# * **`view` needs compatible strides;** after `t()`/`permute` use `reshape`
#   (which may copy) or `.contiguous().view(...)`. And `reshape` is not a
#   transpose: reshaping `(2, 3)` to `(3, 2)` keeps the row-major order.

# %%
torch.arange(6).reshape(2, 3).reshape(3, 2)

# %%
torch.arange(6).reshape(2, 3).t()

# %% [markdown]
# * **Accidental outer products:** `(n,)` against `(n, 1)` broadcasts to
#   `(n, n)` without any error. Check shapes when a loss looks strange:

# %%
y = torch.tensor([1.0, 2.0, 3.0])
y_hat = torch.tensor([[1.0], [2.0], [3.0]])
(y_hat - y).shape, (y_hat.squeeze(1) - y).shape

# %% [markdown]
# * **A reduction without `keepdim`** drops the dim, and the result then
#   broadcasts against the *last* dims (Section 6). On a square matrix nothing
#   fails, the numbers are just wrong:

# %%
S = torch.tensor([[1.0, 1.0], [2.0, 6.0]])
S / S.sum(dim=1)

# %%
S / S.sum(dim=1, keepdim=True)

# %% [markdown]
#   The first divides *column* `j` by the sum of *row* `j`; only the second
#   makes each row sum to 1.
# * **Mask and index results are copies**, so `X[mask][0] = 5` changes a
#   temporary and leaves `X` alone; write `X[mask] = 5` instead:

# %%
X = torch.zeros(3)
X[X == 0][0] = 5
X

# %%
X[X == 0] = 5
X

# %% [markdown]
# * **Integer division:** `/` always returns floats; `//` rounds towards minus
#   infinity (`-7 // 2 == -4`), not towards zero.

# %% [markdown]
# ## Exercises
#
# Each exercise is practised with the judge: `make practice EX=ch01_<name>` writes a
# `solution.py` stub and the task into `practice/ch01_<name>/`, and `make check EX=ch01_<name>`
# runs your answer on the example and on 100 generated inputs (empty and size-1 dims included)
# against the reference. When they differ you see the smallest input that fails, and if your
# output is a known wrong answer, the trap's name and the section above that explains it.
# `make hint EX=...` gives the next hint, `make reveal EX=...` the reference.
#
# | `EX=` | write | the traps it catches |
# |---|---|---|
# | `ch01_one_hot` | `one_hot(y, num_classes)`: `(n,)` ids to `(n, C)` float rows, by a broadcast `==` | `(C, n)` instead of `(n, C)`; bool rows |
# | `ch01_pairwise_sq_dists` | `(n, d)`, `(m, d)` to the `(n, m)` squared distances, by broadcasting | axes swapped; summed over the wrong dim; square of the sum |
# | `ch01_pairwise_sq_dists_matmul` | the same with one `@`, from `(a - b).(a - b) = a.a - 2 a.b + b.b`; the judge measures your temporaries | the `(n, m, d)` tensor built anyway; the squared lengths without `keepdim` |
# | `ch01_patchify` | `(B, C, H, W)` to `(B, H/p * W/p, C*p*p)` patches with `view`/`permute`/`reshape`; which step copies, and why? | `reshape` as a transpose; `(p, p, C)` order; `H` split the wrong way round |
# | `ch01_batched_trace` | `(B, n, n)` to `(B,)` traces with one `einsum` | `'bij->b'` sums everything; `'bii->bi'` keeps the diagonal |
# | `ch01_normalize_rows` | each row of `(n, d)` divided by its sum | `X / X.sum(1)`, silent on square inputs; `dim=0` |
# | `ch01_center_columns` | columns minus their means, the input left unchanged | an in-place `-=` on the caller's tensor; rows centred |
# | `ch01_tile_rows` | `(n,)` to `(k, n)` rows that can be written to one by one | `expand`: one write changes every row (and `x`) |
# | `ch01_split_heads` | `(B, T, C)` to `(B, H, T, C/H)` attention heads | `view` to `(B, H, T, D)` without a transpose; channels split as `(D, H)` |
#
# The references of the first five are in `solutions.py` (the tests check them), the others in
# their exercise files, `exercises/<name>.py`, with the hints and the known wrong answers.

# %% [markdown]
# ## Summary
#
# * A tensor is storage + shape + strides + offset + dtype + device.
#   `torch.tensor` copies data and infers shape and dtype; factories take a
#   shape; pass a `torch.Generator` for repeatable random numbers.
# * Promotion: `bool < int < float < complex`; tensors with dims outrank
#   zero-dim tensors, which outrank Python numbers, and the lower ranks only
#   raise the kind.
# * Basic indexing and `view`/`transpose`/`permute`/`expand` give views
#   (shared memory); masks, index tensors, `clone` and arithmetic give new
#   tensors. `view` needs compatible strides; `reshape` copies when it must.
# * Broadcasting: right-align shapes; sizes must match or be 1; stretched dims
#   cost nothing (stride 0).
# * Reductions remove the `dim` you name; `keepdim=True` leaves a size-1 dim
#   that broadcasts back.
# * `_` methods change a tensor in place and keep its dtype.
# * `@` is the matrix product with broadcast batch dims; `einsum` names dims
#   with letters and sums the ones that do not reach the output.

# %% [markdown]
# ## The chapter's functions
#
# Later chapters and the tests may rely on these (all pure, no global state):
# `creation.infer_shape(data)`, `creation.infer_dtype(data)`,
# `creation.arange_length(start, end, step)`, `dtypes.promote_types(a, b)`,
# `dtypes.result_type(*operands)`, `dtypes.DTYPES`,
# `indexing.pick_pairs(X, rows, cols)`, `indexing.select_by_mask(X, mask)`,
# `views.contiguous_strides(shape)`, `views.is_contiguous(shape, stride)`,
# `views.storage_index(t, index)`, `views.shares_storage(a, b)`,
# `broadcasting.broadcast_shape(*shapes)`,
# `broadcasting.broadcast_strides(shape, stride, target)`,
# `broadcasting.expand_by_hand(x, target)`,
# `reductions.reduced_shape(shape, dim=None, keepdim=False)`,
# `reductions.softmax(x, dim=-1)`, `reductions.standardize(X, dim=0)`,
# `matmul.matmul_shape(a, b)`, `matmul.matmul_loops(A, B)`,
# `matmul.einsum_loops(equation, *operands)`. Bad input raises a `ValueError`,
# `TypeError` or `IndexError` that names the problem.
