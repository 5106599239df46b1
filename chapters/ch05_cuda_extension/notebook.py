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
# # Chapter 5: a C++/CUDA extension, `mylinearops`
#
# Chapter 4 wrote the linear layer's forward and backward in Python. Here the same
# layer becomes a real extension package: the matrix product is written by hand in
# C++ for the CPU and in CUDA for the GPU, registered as a torch operator, given an
# autograd formula and a "fake" kernel from Python, built with `pip`, tested like a
# library and benchmarked against the vendor libraries (MKL on the CPU, cuBLAS on
# the GPU).

# %% [markdown]
# ## What you'll learn
#
# * How a custom operator is put together: a **schema** (`TORCH_LIBRARY`),
#   **kernels per device** (`TORCH_LIBRARY_IMPL` for CPU and CUDA), an **autograd kernel**
#   (a C++ `torch::autograd::Function`, for the `Autograd` key) and from Python a **fake
#   kernel** (`torch.library.register_fake`) so that `torch.compile` can trace it.
# * Why a matrix product is a ladder, not a loop: the same arithmetic runs 1% or 50%
#   as fast as the library depending on how it walks memory, on the CPU and on the GPU.
# * How to build it (`setup.py` with `torch.utils.cpp_extension`, `pip install -e`,
#   `FORCE_CUDA`, `TORCH_CUDA_ARCH_LIST`, the JIT route) and what the usual build
#   failures look like.
# * How to test it: values against `torch.matmul`, `gradcheck`, `opcheck`,
#   `torch.compile(fullgraph=True)` with the default backend, `torch.func`, awkward and empty
#   shapes, and bad input.
#
# Run it: `make chapter-5` (builds the package, runs `.venv/bin/python -m chapters.ch05_cuda_extension`,
# then the tests). The walk-through runs every example below, then a short CPU benchmark and the
# worked example's training (`--lesson-only` leaves those two out). `make bench` times the CPU kernels; `make gpu-check` is the one script
# to run on a machine with an NVIDIA GPU.

# %% [markdown]
# ## 1. The package, file by file
#
# ```
# chapters/ch05_cuda_extension/
#   mylinearops/             the distribution (its own, as pytorch/extension-cpp lays one out)
#     setup.py               build: C++ always, CUDA when available or FORCE_CUDA=1
#     mylinearops/           the import package: `import mylinearops`
#       __init__.py          the public API: matmul, linearop, LinearLayer, kernels
#       ops.py               loads _C, registers the fake kernels, the checked functions
#       layer.py             LinearLayer (nn.Module), weight stored (in, out)
#       csrc/kernels.h       the one list of kernel names per device (kernels() returns it)
#       csrc/ops.cpp         the interface: TORCH_LIBRARY schemas (+ an empty Python module)
#       csrc/checks.h        input checks shared by both devices (clear messages)
#       csrc/autograd.cpp    the backward formulas: TORCH_LIBRARY_IMPL(Autograd) (section 5)
#       csrc/matmul_cpu.cpp  CPU kernels: naive, ikj, blocked; TORCH_LIBRARY_IMPL(CPU)
#       csrc/matmul_packed.* the fourth CPU rung, packed: packing, blocking, threads (section 4)
#       csrc/packed_*.h/cpp  its micro-kernels (AVX-512, AVX2), block sizes from the caches, and
#                            extra ops (peak, isa)
#       csrc/matmul_cuda.cu  CUDA kernels: naive, coalesced, tiled, blocktiled; ...IMPL(CUDA)
#       csrc/matmul.h        the kernels' entry points, shared by both routes
#       csrc/pybind/         the pybind11 route's module _pybind (section 12)
#       pybind_route.py      its autograd.Function and LinearLayer
#   tests/                   test_ops.py (CPU), test_cuda.py (skips without a GPU), test_example.py,
#                            test_packed.py (the packed rung)
#   bench.py  gpu_bench.py   CPU benchmark (make bench), GPU benchmark (make gpu-check)
#   numpy_matmul.py          numpy.matmul in a child process, the benchmark's second library
#   mlp.py  data.py          the worked example: an MLP from LinearLayer vs nn.Linear
# ```
#
# The public API, which other chapters and outside checks rely on:
#
# | call | computes | notes |
# |---|---|---|
# | `mylinearops.matmul(A, B, algo="auto")` | `A @ B` | 2-D float32/float64, same device |
# | `mylinearops.linearop(X, W, b=None, algo="auto")` | `X @ W + b` | W is **(in, out)**; X may be `(*, in)` |
# | `mylinearops.LinearLayer(in_features, out_features, bias=True, algo="auto")` | module | `.weight` (in, out), `.bias` (out,) |
# | `mylinearops.kernels()` | kernel names per device | e.g. `{'cpu': [...], 'cuda': [...]}` |
#
# All of them are differentiable (also under `torch.func`) and go through the registered ops
# `torch.ops.mylinearops.matmul` and `torch.ops.mylinearops.linearop`. `algo` names the kernel
# to run, one of `kernels()` for the inputs' device, or `"auto"` for the fastest.

# %% [markdown]
# ## 2. The interface: one schema per op
#
# `csrc/ops.cpp` declares what the ops look like, independent of any device:
#
# ```cpp
# TORCH_LIBRARY(mylinearops, m) {
#   m.def("matmul(Tensor a, Tensor b, str algo=\"auto\") -> Tensor");
#   m.def("linearop(Tensor x, Tensor w, Tensor? b=None, str algo=\"auto\") -> Tensor");
#   m.def("kernels() -> str", &kernel_names);
# }
# ```
#
# A schema is a contract with the dispatcher: argument types, defaults, and (by the
# absence of `(a!)` annotations) the promise that nothing is modified in place and the
# output is a new tensor. Argument names are part of the contract too: the string that picks
# the kernel is called `algo`, not `kernel`, because `torch.compile`'s default backend
# (Inductor) passes every op argument by name to a function that already has a parameter
# called `kernel`, and compiling fails with "got multiple values for argument 'kernel'".
# Loading the shared library runs this registration; after that the op exists for every
# caller, Python or C++:

# %%
# ruff: noqa: B015, B018, E401, E501, E702, F401, I001 (the lesson's code, as in README.md)
# generated from README.md by `python -m common.lesson`: edit the README, not this file
import torch, mylinearops
torch.ops.mylinearops.matmul.default._schema

# %%
mylinearops.kernels()["cpu"]

# %% [markdown]
# Those names are written once, in `csrc/kernels.h`: a list per device (`X(naive) X(ikj) ...`)
# from which each device file builds its table of `{name, function}` and `kernels()` its answer,
# so the Python checks, the tests and the benchmarks all read the same list. A new kernel is one
# line there plus its function.
#
# Each device file then adds its kernels under the same names:
#
# ```cpp
# TORCH_LIBRARY_IMPL(mylinearops, CPU, m) {     // in matmul_cpu.cpp
#   m.impl("matmul", &matmul_cpu);
#   m.impl("linearop", &linearop_cpu);
# }
# TORCH_LIBRARY_IMPL(mylinearops, CUDA, m) {    // in matmul_cuda.cu, compiled only with CUDA
#   m.impl("matmul", &matmul_cuda);
#   m.impl("linearop", &linearop_cuda);
# }
# ```
#
# When you call the op, the dispatcher looks at the inputs' devices and picks the kernel.
# The Python module `_C` is empty: its only job is to be importable so that `import mylinearops`
# loads the library. No pybind11 on this route; section 12 builds the same kernels the other way,
# with pybind11, and compares the two.

# %% [markdown]
# ## 3. Using it

# %%
A = torch.tensor([[1., 2.], [3., 4.]])
B = torch.tensor([[5., 6.], [7., 8.]])
mylinearops.matmul(A, B)

# %% [markdown]
# `linearop` is the layer's forward. Its weight is stored `(in, out)`, so the formula is
# `X @ W + b` with no transpose; `nn.Linear` stores `(out, in)` and computes `X @ W.T + b`
# (chapter 4 shows both layouts give the same function). Leading batch dimensions are
# flattened into rows and restored, as `nn.Linear` does:

# %%
g = torch.Generator().manual_seed(0)
X = torch.randn(2, 3, 4, generator=g)        # (*, in)
W = torch.randn(4, 5, generator=g)           # (in, out)
b = torch.randn(5, generator=g)              # (out,)
Y = mylinearops.linearop(X, W, b)
Y.shape, torch.allclose(Y, X @ W + b, atol=1e-6)

# %% [markdown]
# `LinearLayer` wraps it in a module; `from_linear` copies an `nn.Linear` (transposing the
# weight), which is how the tests and the worked example compare the two:

# %%
lin = torch.nn.Linear(6, 4)
layer = mylinearops.LinearLayer.from_linear(lin)
tuple(lin.weight.shape), tuple(layer.weight.shape), tuple(layer.bias.shape)

# %%
layer

# %%
x = torch.randn(3, 6, generator=g)
torch.allclose(layer(x), lin(x), atol=1e-6)

# %% [markdown]
# `from_linear` is also the only way in for `nn.Linear`'s numbers. Its `state_dict` has the
# same keys (`weight`, `bias`), and a square weight has the same shape in both layouts, so a
# plain `load_state_dict` would load W transposed without a word. A LinearLayer's own
# `state_dict` therefore carries a small layout marker (`_extra_state`), and `load_state_dict`
# refuses a state_dict without it, even with `strict=False`, before copying anything:

# %%
list(layer.state_dict())

# %%
try:
    mylinearops.LinearLayer(4, 4).load_state_dict(torch.nn.Linear(4, 4).state_dict())
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %%
mylinearops.LinearLayer(6, 4).load_state_dict(layer.state_dict())  # its own kind loads

# %% [markdown]
# The same check runs for each LinearLayer inside a bigger model's `state_dict`.

# %% [markdown]
# ## 4. The CPU code: a ladder of three kernels
#
# All three compute `C[i][j] = sum_k A[i][k] * B[k][j]` on row-major data. What changes
# is the order in which memory is touched.
#
# **naive** (`for i, for j, for k`): the inner loop walks down a *column* of B, one
# element every `N * 4` bytes. Every step touches a new cache line; nothing vectorises.
#
# **ikj** (`for i, for k, for j`): swap the two inner loops. Now the inner loop is
# `C[i][:] += A[i][k] * B[k][:]`: two contiguous rows, one scalar, a perfect target for
# the compiler's SIMD instructions. Rows of C are independent, so `at::parallel_for`
# hands blocks of rows to the threads. It is still limited by memory: every
# multiply-add loads a value of B and loads and stores a value of C.
#
# **blocked** (packed and register-blocked, the idea behind every BLAS): copy ("pack")
# a slice of 256 rows of B into panels of `NR` columns laid out contiguously, and a block
# of A's rows into panels of `MR = 6` rows. A *micro-kernel* then holds a `6 x NR` tile of
# C in registers (`NR` = two SIMD vectors: 32 floats with AVX-512) and, for each `k`,
# broadcasts six values of A and multiplies them into the tile with two vector loads of B:
# 12 fused multiply-adds per 2 loads instead of 1 per 2. The panels stay in the L1/L2
# caches while they are reused. The tile loops have fixed sizes, so `-O3 -march=native`
# unrolls them and keeps the accumulators in registers; ragged edges (sizes that are not
# multiples of the tile) are handled by zero-padding the packed panels and writing back
# only the valid part of the tile.
#
# Every rung gives torch's answer, to float32 rounding, also on sizes that no tile divides:

# %%
h = torch.Generator().manual_seed(1)
A_odd, B_odd = torch.randn(97, 130, generator=h), torch.randn(130, 61, generator=h)
[k for k in mylinearops.kernels()["cpu"]     # the kernels that disagree: none
 if not torch.allclose(mylinearops.matmul(A_odd, B_odd, algo=k), A_odd @ B_odd, atol=1e-4)]

# %% [markdown]
# The op function around the kernels is the same on both devices: check, make
# contiguous, allocate, dispatch on dtype:
#
# ```cpp
# at::Tensor matmul_cpu(const at::Tensor& a_in, const at::Tensor& b_in, c10::string_view algo) {
#   check_matmul_inputs("mylinearops.matmul", a_in, "A", b_in, "B", c10::DeviceType::CPU);
#   const at::Tensor a = a_in.contiguous();  // a transposed or sliced view becomes row-major
#   ...
#   if (c.numel() == 0) return c;
#   if (K == 0) return c.zero_();  // a sum over nothing
#   AT_DISPATCH_FLOATING_TYPES(a.scalar_type(), "mylinearops_matmul_cpu", [&] { ... });
# ```
#
# How fast each rung runs, against MKL and against the machine's peak, is measured at the end of
# the next rung, once all four are on the table.
#
# ### Rung 4: packed, the way BLAS libraries do it
#
# `blocked` packs and keeps a tile of C in registers, but leaves the rest to the compiler and to
# luck. `packed` (`csrc/matmul_packed.cpp`, with its micro-kernels in `csrc/packed_avx512.cpp`
# and `csrc/packed_avx2.cpp`) does each step on purpose, in the design of the GotoBLAS and BLIS
# papers. Step by step:
#
# **1. Pack both operands, in the order the micro-kernel reads them.** A is copied into panels
# of `MR = 14` rows, B into panels of `NR = 32` columns, and both are cut into K-slices of
# `KC` values (step 3 says how long): for each `k`, a panel holds its 14 values of A (or 32 of B) side by side. The
# micro-kernel then walks both panels strictly forward, one cache line after the next, and never
# jumps a row of the original matrix: two plain streams, the easiest thing for the hardware
# prefetcher. The copy is cheap: A and B once (`M*K + K*N` values) against `M*N*K`
# multiply-adds, two million copies for a billion multiply-adds at n = 1024. Packing reads the
# operand through its strides, so a transposed view (the backward's `W^T` and `X^T`) is packed
# from where it lies, with no `.contiguous()` copy first, and the panels are zero-padded at the
# edges, so the micro-kernel always computes a whole tile; only the few tiles along the right
# and bottom edges are written back through a small buffer. A row-major A is the one copy that
# turns rows into columns (a panel stores, for each `k`, a value from each of its 14 rows): with
# AVX-512 and float32 it loads 16 values of `k` from each row into registers and transposes them
# there (`pack_a16_f32` in `csrc/packed_avx512.cpp`, on the same 16 x 16 transpose as `W^T` in
# step 6), instead of moving one value at a time.
#
# **2. A register tile, written with vector intrinsics.** The micro-kernel holds a 14 x 32 block
# of C in 28 AVX-512 registers (16 floats each: 14 rows of 2 vectors). For each `k` it loads 2
# vectors of B, and for each of the 14 rows broadcasts one value of A into a register and issues
# 2 fused multiply-adds: 28 FMAs (448 multiply-adds) for 2 loads and 14 broadcasts. Why 14 x 32:
# AVX-512 has 32 vector registers, and 28 accumulators + 2 for B + 1 for the broadcast is 31;
# 28 independent sums are more than the core needs in flight (two FMA units with a latency of
# about 4 cycles need 8), so the FMA units never wait for a result; and a bigger tile means more
# multiply-adds per value loaded. With AVX2 (16 registers of 8 floats) the same code runs a
# 6 x 16 tile, 12 accumulators. The micro-kernel is written once (`packed_micro_kernel.h`) over a
# small vector type; each instruction-set file compiles it under `#pragma GCC target(...)`, so
# both exist in any build (also with `MYLINEAROPS_PORTABLE=1`), and the CPU is asked at run time
# (`__builtin_cpu_supports`) which one it can execute. `algo="auto"` is `packed` on a CPU with
# AVX-512F or AVX2+FMA and the portable `blocked` on any other.
#
# **3. Block sizes from the cache sizes.** Each block must stay in one cache level while it is
# reused; we budget half of that level (the rest holds C, the other stream and everything else).
# The kernel reads the machine's cache sizes the first time it runs (`csrc/packed_caches.cpp`:
# Linux's `/sys/devices/system/cpu/cpu0/cache/index*/`, else glibc's `sysconf`, which asks the
# CPU with CPUID) and derives the blocks from them; `make bench` prints both. On the two AMD EPYC
# machines of this section, per core L1 data cache, L2, and the L3 shared by the two cores:
#
# | block | stays in | while | rule (float32, AVX-512) | Zen 5: 48 KiB, 1 MiB, 32 MiB | Zen 4: 32 KiB, 1 MiB, 32 MiB |
# |---|---|---|---|---|---|
# | KC | L2: one B panel, KC x NR | all the task's A panels stream past it | at most L2 / 2 / (32 x 4 B) = 4096; K is cut into equal slices of at most that, multiples of 16 | K = 1024: 1024 | K = 1024: 1024 |
# | MC | L2: a task's rows of A for one K-slice, MC x KC | it meets each of the task's B panels | L2 / 2 / (KC x 4 B), down to a multiple of 14 | 128 -> 126 | 128 -> 126 |
# | NC | L3: the packed B, K x NC | both cores read it | L3 / 2 / (K x 4 B) | 2048 at K = 2048 | 2048 at K = 2048 |
#
# (float64 has NR = 16 values of 8 bytes: the same KC, half the MC.) The textbook puts the B panel
# in L1, and so did this kernel at first: KC = L1d / 2 / (NR x 4 B), 192 on Zen 5 and 128 on Zen 4.
# Measured, that was the slower choice. The micro-kernel loads 2 vectors of B per 28
# multiply-adds, few enough to come from L2 at full speed, while every K-slice costs each tile of C
# a round trip to memory (load, add, store) at the end of its micro-kernel call. On the Zen 4
# (2 threads, one process, KC set at run time for the experiment, median GFLOP/s of 9 interleaved
# rounds, load average 1.1-1.2):
#
# | KC | n = 1024 | n = 2048 | torch.matmul, same rounds |
# |---|---|---|---|
# | 128 (the L1 rule) | 174 | 177 | 162, 172 |
# | 256 | 183 | 187 | |
# | 512 | 185 | 195 | |
#
# and in a second run (load 1.5): KC = 128 gave 184 at n = 1024 where one slice of all of K gave
# 203. Prefetching C's tile into L1 at the start of the micro-kernel, the other cure for that round
# trip, changed nothing measurable (its share of `torch.matmul` at KC = 128 was 1.08x with and
# without). So the L1 size is read and printed, and no block depends on it. The rule is a pure
# function of the cache sizes and K, which the tests check on given sizes (MR, NR, bytes a value,
# L1d, L2, L3 and K in; KC, MC and the L3 budget out):

# %%
torch.ops.mylinearops.packed_block_sizes(14, 32, 4, 48 * 1024, 2**20, 32 * 2**20, 1024)

# %% [markdown]
# When neither source answers, the kernel plans for the caches of the machine it was first tuned
# on, the Zen 5 (48 KiB, 1 MiB, 32 MiB): the fallback. (BLIS instead keeps one set of block sizes
# per processor family.)
#
# **4. Threads that never wait for a slow one.** C is cut into tasks (blocks of rows x blocks
# of columns, at least four per thread); `at::parallel_for` starts one worker per thread, and each
# worker takes the next undone task from a shared atomic counter until none is left, so a thread
# that gets less of the CPU (other work on the machine) simply does fewer tasks. A call waits for
# its threads twice, after packing and at the end. A first version packed and computed each
# K-slice in three parallel rounds: on this shared machine it measured 15 GFLOP/s at n = 1024,
# where one thread alone reached 200. Products under 4M multiply-adds (the MLP's) are too
# small even for two rounds: from 1M to 4M each thread packs what it needs itself and computes
# its own columns of C, in one round (section 10 tells why), and under 1M one thread does it all.
#
# **5. The bias in the same pass.** `linearop(X, W, b, algo="packed")` adds b while the
# micro-kernel writes its tile of Y on the first K-slice, instead of a second pass over Y.
#
# **6. Small products: no fixed cost that a big one would hide.** The chapter's MLP multiplies
# 32 x 256 by 256 x 256 and smaller, a few microseconds each, and a fixed cost of a microsecond
# is then a large share. Three things keep `packed` near MKL there. An edge tile is computed by a
# micro-kernel of its own height (one per row count from 1 to MR, with one or two vectors of B),
# straight into C, instead of a full tile into a buffer and a copy of its valid part. When A has
# at most four panels (the batch of 32 rows is three), B is used where it lies when it is
# row-major: each of B's rows is read only that many times, so copying it costs more than it
# saves, and only a ragged last panel is packed. And a transposed operand (`W^T` in the
# backward) is packed by a blocked transpose, 16 values of k at a time from each of the panel's
# columns, so every cache line read is used whole. The register version of that transpose
# (16 x 16 floats, section 10) exists for AVX-512 float32 only: float64 would need an 8 x 8 one
# and AVX2 an 8 x 8 one of its own, and neither runs in this chapter's training (float32, on
# AVX-512 machines), so those keep the portable blocked copy; it is a small file to add when a
# measurement shows it matters. `make bench` ends with each product of one
# training step on one thread (dX, dY and dW are the gradients of the loss with respect to X, Y
# and W):
#
# | layer: product | M x K x N | torch.mm us | auto us | auto / torch.mm |
# |---|---|---|---|---|
# | 1: X @ W | 32 x 64 x 256 | 17.6 | 19.5 | 1.11x |
# | 1: dW = X^T @ dY | 64 x 32 x 256 | 13.7 | 15.5 | 1.13x |
# | 2: X @ W | 32 x 256 x 256 | 51.9 | 51.2 | 0.99x |
# | 2: dX = dY @ W^T | 32 x 256 x 256 | 62.4 | 86.0 | 1.38x |
# | 2: dW = X^T @ dY | 256 x 32 x 256 | 62.1 | 57.1 | 0.92x |
# | 3: X @ W | 32 x 256 x 10 | 20.8 | 14.4 | 0.70x |
# | 3: dX = dY @ W^T | 32 x 10 x 256 | 5.6 | 9.2 | 1.65x |
# | 3: dW = X^T @ dY | 256 x 32 x 10 | 26.9 | 14.8 | 0.55x |
# | all of them | | 261.1 | 267.8 | 1.03x |
#
# (The third of three runs of `make bench` on the 2-core AMD EPYC Zen 4 below; the totals of
# the three were 1.04x, 1.01x and 1.03x.) What is left shows in two rows: `W^T` must still be
# transposed into panels, 256 x 256 values for 32 rows of output (since this run, with AVX-512,
# 16 x 16 at a time in registers: section 10), and a product with K = 10 is all edges and fixed
# costs, where a few microseconds are the whole call.
#
# **The roofline.** The peak is `cores x FMA units x lanes x 2 x clock`, and `make bench`
# measures all of it but the core count. One thread runs a loop of independent FMAs on
# registers (`torch.ops.mylinearops.cpu_peak_gflops`, the best of 30 runs of 10 ms: other work
# can only slow a run down), which gives one core's peak; times the threads, that is the
# machine's. The benchmark prints every kernel's GFLOP/s as a share of it, next to its share of
# `torch.matmul`, and flags a share over 100% of the peak as a timing that cannot be right, and
# one over 100% of `torch.matmul` as suspicious until explained.
#
# Measured with `make bench` (two threads, the default) three times on a 2-core AMD EPYC Zen 4
# at load average 0.8-1.4, float32, the median of the three: GFLOP/s, share of `torch.matmul`
# and share of the measured peak (112 GFLOP/s a core, 224 for both; the three runs gave 109-113):
#
# | n | naive | ikj | blocked | packed | torch.matmul (MKL) |
# |---|---|---|---|---|---|
# | 256 | 2.1 (2%, 1%) | 43 (34%, 19%) | 62 (49%, 28%) | 85 (67%, 38%) | 127 (56% of peak) |
# | 512 | 1.1 (1%, 0%) | 40 (33%, 18%) | 76 (63%, 33%) | 115 (95%, 50%) | 122 (54%) |
# | 1024 | - | 53 (45%, 24%) | 99 (84%, 45%) | 136 (115%, 62%) | 119 (54%) |
# | 2048 | - | 27 (20%, 12%) | 120 (84%, 52%) | 152 (106%, 66%) | 137 (61%) |
#
# The same code on the other machines this chapter ran on, read as shares of each one's peak
# (the column that compares across machines):
#
# | machine | peak a core, AVX-512 loop / AVX2 loop | torch.matmul | packed | packed / torch.matmul |
# |---|---|---|---|---|
# | AMD EPYC Zen 4, 2 threads (above) | 112 / 113 | 54-61% | 38-66% | 67-115% |
# | AMD EPYC Zen 5, 1 thread | 261 / 128 | 37-39% | 65-77% | 172-200% |
# | Intel Xeon, 2 threads, median of 3 runs | 215 / 114 | 69-75% | 47-59% | 70-79% |
# | an older Intel Xeon, 2 threads, one run | 177 / - | 56-75% | 39-55% | 69-74% |
#
# The peaks tell the processors apart. Zen 5 executes a 512-bit FMA in one go, so its AVX-512
# loop doubles the AVX2 one; Zen 4 splits it into two 256-bit halves, so the two loops tie. On
# both, MKL stays under the AVX2 peak: on these AMD processors Intel's library runs AVX2 code,
# and on Zen 5 a kernel that uses the full AVX-512 width beats it by far. On the Intel Xeons MKL
# uses AVX-512 and `packed` reaches 69-79% of it. Note also how `ikj` falls at 2048: one row of B
# is 8 KB, and the 2048 rows of B (16 MB) no longer fit in the caches, so every row of C streams
# all of B from memory again. Packing a slice of B is exactly what fixes that.
#
# With two threads on a machine shared with other jobs, the timings of every contender, MKL
# included, can jump by several times from run to run (a thread that waits for another can lose
# its core for a whole scheduler slice): at n = 1024 the third run measured MKL at 70 GFLOP/s
# against 119-139 in the other two. So `make bench` prints the load average next to the table,
# and saves `bench-results/ch05_cpu_matmul.png` with the peaks drawn as dashed lines; run it
# three times and read the medians.
#
# **The best BLAS on the machine, and how `packed` caught up with it.** MKL, behind
# `torch.matmul`, runs its AVX2 code on AMD processors, so beating it there says little. numpy's
# BLAS, OpenBLAS, picks its kernel for the CPU it loads on, and has one for AVX-512
# (`SkylakeX`), unless `OPENBLAS_CORETYPE` names an older one; these machines set that variable,
# and `OPENBLAS_L2_SIZE`, for old OpenBLAS versions. So `make bench` also times `numpy.matmul`, in
# a child process started with both variables removed from its environment only
# (`numpy_matmul.py`; the tests and CI keep the machine's variables as they are), and prints the
# kernel that threadpoolctl reports from inside the child, for example `openblas 0.3.31.188.0
# SkylakeX kernel, 2 threads`. Each row of the ladder is then a share of the faster of the two
# libraries at that n ("vs faster BLAS"), next to its share of `torch.matmul` and of the peak,
# and the "(!)" note names the library a row beat (on AMD: MKL). The child times its own calls,
# so the pipe is not in its time; and each time the samples move from one process to the other,
# the benchmark waits 0.25 s first, because the idle threads of the process that ran last keep
# spinning for a while on the cores the next one needs. In one run at n = 1024, numpy measured
# 133 GFLOP/s right after `torch.matmul` and 176 after a 10 ms pause, and `torch.matmul` 65
# right after numpy with a 50 ms pause and 146 with 0.2 s (OpenBLAS's idle threads spin for
# about 0.1 s by default).
#
# Where `packed`'s time went, measured on the 2-core AMD EPYC Zen 4 (`lscpu`: AMD EPYC, family 25
# model 17, AVX-512; 32 KiB L1d, 1 MiB L2, 32 MiB L3) with the ops `make bench` now prints from
# (`packed_pack_seconds`, `packed_micro_kernel_gflops`), one thread, the best of 5:
#
# * The micro-kernel alone, on one A and one B panel small enough to stay in L1, runs 113-115
#   GFLOP/s, 95-98% of the core's peak (115-118): its instruction order (a broadcast of A before
#   each row's two FMAs, the loads of B first, 28 accumulators) was already right, and nothing
#   there was left to win.
# * Packing A and B took 5-7% of the product at n = 256 and 3.5-5% at 1024 and 2048 (0.6 ms
#   each for A and B at n = 1024, 4.4 ms for A at 2048).
# * The rest, from 115 down to the 92-97 GFLOP/s the whole product then reached at n = 1024 and
#   2048, was memory: with KC = 128 each tile of C went to memory and back eight times at
#   K = 1024 (step 3).
#
# The steps that moved the number, in order, on that machine:
#
# | step | measured (Zen 4) |
# |---|---|
# | KC from the L2 instead of the L1 (step 3): one K-slice up to K = 4096 | 2 threads, interleaved in one process: n = 1024 174 -> 185 GFLOP/s at KC = 512, 184 -> 203 with one slice; n = 2048 177 -> 195 (KC = 512) |
# | A packed 16 values of k at a time in registers (step 1) | packing all of A at n = 2048, one thread: 4.4 ms -> 2.3 ms (together with the KC change); at 256 0.023 -> 0.013 ms |
# | C's tile prefetched into L1 at the start of the micro-kernel | no change (1.08x `torch.matmul` at KC = 128 with and without): not kept |
#
# After both, one thread, `make bench`'s "where the time goes" line: `packed` 97-107 GFLOP/s at
# n = 256 to 2048, 84-91% of the core's peak, packing 3-5% of it (load 1.9-2.7). The ladder with
# both libraries, the third of three runs of `make bench` (two threads, load 1.9-2.3: the two
# before it ran at load 2.4-2.9, with another job's tests on the two cores, and collapsed to
# 2 GFLOP/s in places, every contender alike, so their medians say nothing):
#
# | n | torch.matmul (MKL) | numpy.matmul (OpenBLAS, SkylakeX) | packed | packed / faster BLAS | packed / peak (235) |
# |---|---|---|---|---|---|
# | 256 | 158 | 162 | 155 | 96% | 66% |
# | 512 | 169 | 174 | 175 | 100% | 74% |
# | 1024 | 153 | 186 | 195 | 105% | 83% |
# | 2048 | 183 | 196 | 205 | 105% | 88% |
#
# And on one thread, where another job disturbs the timings least, three runs of the ladder
# (`bench.run` with the numpy child, `torch.set_num_threads(1)`, load 1.8-3.0), the median share
# of the faster library: before this work (the kernel of the first table above, KC = 128 on the
# L1 rule, scalar A packing) 100%, 72%, 97% and 96% at n = 256, 512, 1024 and 2048 (load
# 2.7-4.6); after it 98%, 97%, 109% and 105%. Read those as "level with OpenBLAS, and no worse
# than before": the runs of one size spread by 10-30%, more than most of the differences. (The goal was 95% at 1024 and 2048 and 85% at 256 and 512, in the same run. On one
# thread and in the least loaded two-thread run it is met; on a machine this busy, three runs of
# `make bench` with two threads cannot show it either way.)

# %% [markdown]
# ## 5. The autograd and fake kernels
#
# The CPU and CUDA kernels know nothing about gradients. Each op gets two more kernels:
#
# * an **autograd kernel** (`csrc/autograd.cpp`, registered with
#   `TORCH_LIBRARY_IMPL(mylinearops, Autograd, m)`): a `torch::autograd::Function` whose
#   `forward` saves what the backward needs and calls the op one level down (under
#   `at::AutoDispatchBelowADInplaceOrView`, where the CPU or CUDA kernel runs), and whose
#   `backward` returns one gradient per input (an undefined tensor for the `algo` string and for
#   inputs that need none: `ctx->needs_input_grad(i)`);
# * a **fake kernel** (`torch.library.register_fake` in `ops.py`): given inputs that have
#   shapes and dtypes but no data, return an output of the right shape. `torch.compile` and
#   `opcheck` run it to trace the op without computing it.
#
# The backward is built from the *same registered op*, called through the dispatcher, so it
# runs our kernels too, a gradient of a gradient works, and `torch.compile` traces it:
#
# ```cpp
# // LinearopFunction::backward; saved = {x, w}
# if (ctx->needs_input_grad(0)) grad_x = call_matmul(grad_y, saved[1].t(), algo);  // dL/dX = dL/dY W^T
# if (ctx->needs_input_grad(1)) grad_w = call_matmul(saved[0].t(), grad_y, algo);  // dL/dW = X^T dL/dY
# if (ctx->saved_data["has_bias"].toBool() && ctx->needs_input_grad(2))
#   grad_b = grad_y.sum(0);  // the bias is added to every row: sum the rows
# ```
#
# `w.t()` is a view, not a copy: `packed` reads it where it lies, the other CPU rungs call
# `.contiguous()`, which makes the one copy they need. Checked with `gradcheck` (float64,
# where finite differences are accurate enough) and `opcheck`, which tests the schema, the fake
# kernel and the autograd registration against the real kernel:

# %%
Xd = torch.randn(5, 4, dtype=torch.float64, generator=g, requires_grad=True)
Wd = torch.randn(4, 3, dtype=torch.float64, generator=g, requires_grad=True)
bd = torch.randn(3, dtype=torch.float64, generator=g, requires_grad=True)
torch.autograd.gradcheck(mylinearops.linearop, (Xd, Wd, bd))

# %%
torch.library.opcheck(torch.ops.mylinearops.linearop.default, (Xd, Wd, bd))

# %% [markdown]
# **Why C++ for the autograd kernel.** Python can register the same formulas
# (`torch.library.register_autograd(op, backward, setup_context=...)`), and this chapter did at
# first. It works for everything below, but then every call, forward and backward, runs Python
# code on the way in and out. In the MLP of section 10 that made an epoch with `LinearLayer`
# 1.77x as long as with `nn.Linear` (two threads; 1.68x with one); the same build with the C++
# kernel gave 1.27x and 1.36x, in back-to-back runs of `make bench`'s MLP on a loaded 2-core
# Intel Xeon. The kernels were unchanged between the two: the difference was Python.
#
# And the whole layer compiles into one graph, with the default backend (Inductor, which
# generates C++ here and needs a C++ compiler at compile time) as with `backend="aot_eager"`
# (tracing only, no code generation; quicker to compile, handy for finding tracing problems).
# Inductor calls our op as an opaque "fallback" kernel and compiles the code around it; the
# tests check values and gradients against eager for `matmul`, `linearop` and a small model:

# %%
compiled = torch.compile(layer, fullgraph=True)
torch.allclose(compiled(x), lin(x), atol=1e-6)

# %% [markdown]
# **`torch.func`** (`grad`, `vmap`, `jacrev`, `jvp`, `hessian`, per-sample gradients) works
# on the public functions and on `LinearLayer`:

# %%
dA = torch.func.grad(lambda a: mylinearops.matmul(a, B).sum())(A)
torch.equal(dA, torch.ones(2, 2) @ B.T)

# %% [markdown]
# That needs a detour. `torch.func` refuses a C++ autograd Function ("cannot use C++
# torch::autograd::Function with functorch transforms"), and forward mode has no rule for one
# ("jvp is not implemented for the c++ API of custom Function yet"). So when a `torch.func`
# transform is active, or an input carries a forward-mode tangent (`torch.autograd.forward_ad`),
# the public functions call a small Python `autograd.Function` of our own (`_MatmulFunction`,
# `_LinearopFunction` in `ops.py`) with the same op and backward formulas, plus a `jvp` (the
# forward-mode rule `dC = dA B + A dB`) for `jvp`, `jacfwd` and `hessian`. (With the Python
# registration the detour was needed too: the class that `register_autograd` generates has no
# `setup_context` staticmethod, which `torch.func` insists on, pytorch/pytorch#168393.) Under
# `vmap` torch runs the op once per batch entry (there is no batching rule) and warns "There is
# a performance drop"; the answers are right, only slower.

# %% [markdown]
# ## 6. Bad input: a clear error, never a crash
#
# Every kernel starts with `TORCH_CHECK`s (`csrc/checks.h`) that name the problem; a
# `TORCH_CHECK` failure becomes a Python `RuntimeError` (`tests/test_ops.py` calls
# `torch.ops.mylinearops.matmul` directly to prove it). The Python functions check the same
# things first, with the same messages (why: see "Traps"):

# %%
try:
    mylinearops.matmul(torch.ones(2, 3), torch.ones(4, 2))
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %%
try:
    mylinearops.matmul(torch.ones(2, 3, dtype=torch.int64), torch.ones(3, 2, dtype=torch.int64))
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %%
try:
    mylinearops.matmul(torch.ones(3), torch.ones(3, 2))
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %% [markdown]
# Without those checks the kernel would read past the end of a buffer: on the CPU a
# wrong answer or a segfault, on the GPU an "illegal memory access" that poisons the
# whole CUDA context. Mixing a CPU and a CUDA tensor is caught the same way ("must both be
# on the same device"). Views are accepted (they are made contiguous), and empty inputs
# return correctly shaped empty (or, for K = 0, zero) results, with the same gradients as torch:

# %%
mylinearops.matmul(torch.ones(3, 0), torch.ones(0, 2))

# %% [markdown]
# So a `linearop` with no input features (X of shape (N, 0), W of shape (0, out)) returns
# the bias on every row, as `X @ W + b` does in torch:

# %%
mylinearops.linearop(torch.ones(2, 0), torch.ones(0, 3), torch.tensor([1., 2., 3.]))

# %% [markdown]
# ## 7. The GPU code: a ladder of four CUDA kernels
#
# Select one with `algo=`; `"auto"` is `"blocktiled"`. Each is written for float and
# double (C++ templates) and launched on torch's current CUDA stream
# (`c10::cuda::getCurrentCUDAStream()`), so it is ordered correctly with everything else
# torch runs, under a `CUDAGuard` for the inputs' device.
#
# **naive**: one thread per entry of C, `row = blockIdx.x * 32 + threadIdx.x`,
# `col = blockIdx.y * 32 + threadIdx.y`. It is correct, and about 1-2% of cuBLAS. The reason
# is the *warp*: 32 threads with consecutive `threadIdx.x` execute each load together. Here
# those 32 threads have 32 different rows, so `A[row * K + k]` asks for 32 addresses `4K`
# bytes apart: 32 separate memory transactions where one would do, and the writes to C are
# scattered the same way.
#
# **coalesced**: the same code with the roles swapped, `col` from `threadIdx.x`. Now a
# warp reads `B[k * N + col .. col + 31]`, 128 contiguous bytes, one transaction, and all
# 32 threads read the same `A[row * K + k]` (a broadcast). Several times faster, no other
# change.
#
# **tiled**: a 32 x 32 block first copies a 32 x 32 tile of A and one of B into shared
# memory (fast on-chip memory shared by the block), waits (`__syncthreads()`), and
# computes from there. Each value loaded from global memory is now used 32 times instead of
# once. Out-of-range entries (when M, N or K is not a multiple of 32) are loaded as zeros,
# so they add nothing.
#
# **blocktiled** (2D register block-tiling): each thread computes an 8 x 8 patch of C
# (4 x 4 for small problems) held in registers. Per step `k` it reads 8 values of A and 8
# of B from shared memory and does 64 multiply-adds: the same trick as the CPU
# micro-kernel. A block of 256 threads covers a 128 x 128 tile of C; the A tile is stored
# transposed in shared memory so a thread's 8 values are contiguous, and when the data
# allow it (float32, K and N multiples of 4, 16-byte aligned pointers) tiles travel as
# `float4`, one 16-byte load for 4 values. A 1024 x 1024 product has only 64 tiles of
# 128 x 128, not enough to keep 132 streaming multiprocessors busy, so the launcher picks
# 64 x 64 tiles (4x the blocks) when the 128-tile grid has fewer blocks than the GPU has SMs.
#
# Measured on the GPU machine with `make gpu-check` (float32, TF32 off for cuBLAS, CUDA
# events, median of runs):
#
# | n | naive | coalesced | tiled | blocktiled 64 | blocktiled 128 | blocktiled 128, BK 16 | cuBLAS FP32 |
# |---|---|---|---|---|---|---|---|
# | 512 | 0.47 (4.8%) | 4.6 (47%) | 5.2 (54%) | **5.4 (55%)** | 3.6 (37%) | 3.6 (37%) | 9.8 |
# | 1024 | 0.48 (1.6%) | 6.2 (20%) | 8.3 (27%) | **21.8 (71%)** | 16.2 (53%) | 15.9 (52%) | 30.7 |
# | 2048 | 0.49 (1.0%) | 6.5 (13%) | 8.9 (18%) | 26.3 (54%) | **38.0 (79%)** | 34.8 (72%) | 48.4 |
# | 4096 | 0.50 (1.0%) | 5.7 (11%) | 8.6 (17%) | 27.8 (55%) | **40.1 (79%)** | 35.8 (71%) | 50.8 |
#
# TFLOP/s and share of cuBLAS on one NVIDIA H200 (torch 2.11, CUDA 13.0); every kernel's result
# was within 1e-6 (relative) of cuBLAS. `"auto"` picks the bold column: 128-tiles once they give
# at least one block per SM (2048 and up), else 64-tiles. (The rule was set from this run; the
# rows for the configurations it picks are the measurements.) One detail mattered most: in
# the first version the 128-tile kernel reached only 38% at 4096. Fetching the next tiles from
# global memory into registers *while* multiplying the current ones (a register-staged double
# buffer, `fetch`/`stage` in the kernel) took it to 79%: with 256 threads of 64 accumulators
# each, few warps fit on an SM, so waiting for memory could not be hidden by switching warps.
#
# What it would take to go further: warp tiling (each warp owns a sub-tile, improving
# shared-memory reuse and register locality), two shared-memory buffers per operand (so that
# the next tiles land in shared memory while the current ones are used, without the register
# stage above, e.g. with asynchronous copies), and more tile shapes chosen per problem size.
# cuBLAS does all of it, with hand-tuned assembly-level scheduling.

# %% [markdown]
# ## 8. Building it
#
# `setup.py` uses `torch.utils.cpp_extension`: `CppExtension` for the C++-only build,
# `CUDAExtension` when CUDA is built. `BuildExtension` adds the right compiler flags for the
# installed torch (C++ standard, include paths, ABI flag) and compiles with ninja in
# parallel. `make ext` runs:
#
# ```
# pip install --no-build-isolation --editable chapters/ch05_cuda_extension/mylinearops
# ```
#
# `--no-build-isolation` matters: the build must see the torch you will import, not a
# fresh copy pip would download into a temporary environment. `--editable` builds the
# library in place (`mylinearops/_C.*.so`) so the tests import it from the source tree.
#
# CUDA is compiled when torch has CUDA, `nvcc` is found (`CUDA_HOME`) and a GPU is
# visible; `FORCE_CUDA=1` compiles it anyway (CI does this so the `.cu` file can never rot),
# `FORCE_CUDA=0` never. `TORCH_CUDA_ARCH_LIST=9.0` compiles for the H100/H200 only; without
# it torch compiles for every architecture it knows, several times slower. Build times on the
# 2-core machine (shared with other jobs, so rough): C++ only 53-150 s, with `FORCE_CUDA=1`
# (one `.cu` file, sm_90 only) 174-230 s; on the 16-core GPU machine, C++ and CUDA, 36-39 s.
#
# The JIT route compiles the same sources at import time, handy while experimenting:
#
# ```python
# from torch.utils.cpp_extension import load
# ext = load(name="mylinearops_jit", sources=["mylinearops/csrc/ops.cpp", "mylinearops/csrc/matmul_cpu.cpp"],
#            extra_cflags=["-O3", "-fopenmp"], extra_ldflags=["-fopenmp"], verbose=True)
# ```
#
# It caches the build under `~/.cache/torch_extensions` and rebuilds when a source changes.
# The usual failures, and what they mean:
#
# * `CUDA_HOME environment variable is not set` / nvcc not found: point `CUDA_HOME` at the
#   toolkit (`/usr/local/cuda`).
# * `The detected CUDA version (12.x) mismatches the version that was used to compile
#   PyTorch (13.0)`: the toolkit and torch's CUDA must have the same major version.
# * `fatal error: cusparse.h: No such file or directory`: a minimal CUDA toolkit without the
#   library headers; `ATen/cuda/CUDAContext.h` pulls them in. Our `.cu` includes only
#   `c10/cuda` headers, which need none.
# * `#error C++20 or later compatible compiler is required to use ATen`: a hard-coded
#   `-std=c++17` in the flags; let `BuildExtension` choose.
# * `Ninja is required to load C++ extensions` (JIT) or a slow serial build: `pip install ninja`.
# * `ImportError: ... undefined symbol ...` when importing `_C`: import `torch` first (it
#   loads `libtorch` and `libc10` that the extension links against; `mylinearops` does this
#   for you), or the extension was built against another torch version: rebuild.
# * at::parallel_for running on one thread: it is an OpenMP pragma in a header, so the
#   extension needs `-fopenmp` (see `setup.py`).

# %% [markdown]
# ## 9. Tests
#
# `tests/test_ops.py` checks the CPU ops: every kernel against `torch.matmul` on 1x1, primes,
# tall, wide, empty, sliced and transposed inputs, float32 and float64; gradients against the
# textbook formulas; `gradcheck` and `gradgradcheck`; `opcheck`; `torch.compile(fullgraph=True)`
# with `aot_eager` and with the default backend (values and gradients against eager);
# `torch.func.grad`, `vmap`, per-sample gradients, `jvp` and `hessian` against torch; empty sizes
# (K, M, N = 0, and `linearop` with no input features) with torch's gradients; that
# `load_state_dict` refuses an `nn.Linear` state_dict (square and not) and still loads its own;
# that the backward calls `mylinearops.matmul` once when only one gradient is needed; and that
# bad input raises `RuntimeError` with the message. `tests/test_cuda.py` runs every CUDA
# kernel at awkward shapes (1x1, 31x33x17, 129x257x131, ...), views, empty inputs, streams and
# errors; it skips cleanly without a GPU. Without a GPU you can still check the hardest index
# arithmetic: `cuda_emulation.py` replays the blocktiled kernel (fetch, stage, compute, store,
# with the same bounds checks) thread by thread in NumPy with small tiles, and
# `tests/test_cuda_emulation.py` compares it with NumPy at shapes that are not tile multiples,
# with scalar and float4 loads. `tests/test_routes.py` puts the dispatcher route and the
# pybind11 route side by side, one test per row of section 12's table. The tests never compile
# anything: if `import mylinearops` fails they fail with "run `make ext`".

# %% [markdown]
# ## 10. The worked example: an MLP from LinearLayer
#
# `mlp.py` builds a 784-256-256-10 MLP twice, from `nn.Linear` and from `LinearLayer`, with
# the same starting numbers, and trains both on the same batches. The data are MNIST when
# torchvision finds its files under `data/mnist` (`load_data(download=True)` fetches them,
# only when you ask), else scikit-learn's offline 8x8 digits (64 inputs instead of 784):
#
# ```python
# from chapters.ch05_cuda_extension.data import load_data
# from chapters.ch05_cuda_extension.mlp import MLPConfig, train_side_by_side
# *data, name = load_data()
# rows = train_side_by_side(data, MLPConfig(), show_progress=True)
# ```
#
# Both networks see identical numbers, so their accuracies agree to rounding; the time per
# epoch is the price of our kernels versus MKL (CPU) or cuBLAS (GPU):
#
# | epoch | nn.Linear s | nn.Linear acc | LinearLayer s | LinearLayer acc |
# |---|---|---|---|---|
# | 1 | 3.757 | 0.697 | 3.762 | 0.697 |
# | 2 | 0.330 | 0.833 | 0.379 | 0.833 |
# | 3 | 0.083 | 0.886 | 0.206 | 0.886 |
# | 4 | 0.200 | 0.917 | 0.322 | 0.917 |
#
# (`.venv/bin/python -m chapters.ch05_cuda_extension` on the shared 2-core machine, digits, batch 32.
# Epoch 1 includes warm-up; the accuracies are identical because the numbers are.) On the
# H200 (`make gpu-check`: 60,000 synthetic MNIST-sized rows, 784 inputs, batch 256) the median
# epoch took 0.233 s with `nn.Linear` and 0.297 s with `LinearLayer`: **1.28x**, short of the
# 1.2x we aimed for. At these sizes (a 256 x 784 by 784 x 256 product is 0.1 GFLOP, a few
# microseconds) the GPU mostly waits for launches: per layer our forward launches a matmul and
# a separate bias add where `nn.Linear` launches one fused `addmm`, our backward makes
# contiguous copies of `W^T` and `X^T` before multiplying (cuBLAS reads transposes in place),
# and, when this was measured, each call crossed an autograd formula registered from Python
# (section 5 has since moved it to C++). Fusing the bias into the kernel and adding kernels
# that read a transposed operand would close most of the gap.
#
# On the CPU, `auto` runs `packed`, which fuses the bias, reads the backward's transposes in
# place and keeps small products cheap (section 4, step 6), and the autograd kernel is C++
# (section 5). `make bench` trains both MLPs in the same run and prints the median epoch (digits,
# batch 32, 6 epochs after a warm-up one). Three runs on the 2-core AMD EPYC Zen 4 of section 4,
# load average 0.8-1.4:
#
# | threads | nn.Linear ms | LinearLayer ms | ratio, the 3 runs | median |
# |---|---|---|---|---|
# | 2 | 49.3, 31.1, 29.6 | 47.4, 38.7, 29.6 | 0.96x, 1.24x, 1.00x | 1.00x |
# | 1 | 38.4, 32.8, 30.8 | 39.6, 35.1, 32.6 | 1.03x, 1.07x, 1.06x | 1.06x |
#
# Within the 1.15x we aimed for. The newer Intel Xeon of section 4's table showed two more
# things to fix. There the first three runs of `make bench` (load 0.7-1.9) gave 1.25x, 1.28x
# and 1.25x with two threads (1.12x, 1.12x and 1.16x with one):
#
# * **MKL splits even these small products over both cores** (256 x 32 x 256 took it 27 us on
#   one thread and 17 us on two, `torch.utils.benchmark.Timer` with `num_threads`), while
#   `packed` ran anything under 2^22 multiply-adds on one core. Only lowering that limit did not
#   help: the products of a step took 181 us on two threads against 179 us on one, because the
#   general path opens two parallel regions per product (pack, then compute) and the hand-offs
#   cost what the second core saved (64 x 32 x 256 went from 12.8 us to 22.9 us). So from 2^20
#   to 2^22 multiply-adds `packed` now deals the columns of C out to the threads in one region,
#   and each thread packs A itself (it is small) and its own panels of B, so that no thread
#   waits for another (`gemm_by_columns` in `csrc/matmul_packed.cpp`; a test checks it gives
#   exactly the one-thread sums). The products of a step on two threads: 181 us -> 130 us (MKL:
#   87 us).
# * **Transposing `W^T` into panels value by value** cost 60 us of `dX = dY @ W^T`, against
#   35 us for all of MKL's product. With AVX-512 the float panels are now transposed 16 x 16
#   values at a time in registers (`transpose16_f32` in `csrc/packed_avx512.cpp`: four rounds
#   of interleaving): 42 us, and the step's products on one thread 176 us -> 159 us.
#
# Three more runs of `make bench` after both (load 1.4-1.7):
#
# | threads | nn.Linear ms | LinearLayer ms | ratio, the 3 runs | median |
# |---|---|---|---|---|
# | 2 | 21.4, 23.8, 22.5 | 23.2, 24.9, 24.1 | 1.09x, 1.05x, 1.07x | 1.07x |
# | 1 | 23.7, 23.6, 25.2 | 26.8, 26.5, 28.3 | 1.13x, 1.12x, 1.12x | 1.12x |
#
# What is left on that CPU: the products of a step total 1.38x-1.40x MKL's on one thread
# (1.01x-1.04x on the Zen 4), mostly fixed costs, a few microseconds a call (2 us more than
# `torch.mm` for a 1 x 1 product) that weigh most in the K = 10 and N = 10 products of layer 3.
#
# The goal has since been lowered to 1.00x. On the Zen 4, three runs of `make bench` after the
# block sizes of section 4 moved to the L2 (load 1.9-3.0, with another job's tests on the two
# cores) gave 0.92x, 1.11x and 0.94x with two threads (median 0.94x) and 1.05x, 0.98x and 1.02x
# with one (median 1.02x); three runs of the same epochs with the kernel from before (load
# 2.4-2.8) gave 0.98x, 1.09x, 0.80x and 1.03x, 1.05x, 1.02x. The MLP's products are small
# (K <= 256, one K-slice either way), so the new blocks change little there: two threads meet
# the goal, one thread stays about 2% short, within the spread of the runs.
#
# The way there is the chapter's lesson in small: with the same kernels, the epoch took 1.77x
# (two threads) and 1.68x (one thread) the `nn.Linear` one while the autograd formulas were
# registered from Python, and 1.27x and 1.36x with the C++ autograd kernel (measured one after
# the other on the older Intel Xeon, 2 cores); the small-product work of step 6 then brought
# the Zen 4 to the first table above. At these sizes a product takes microseconds, and what you
# pay on every call matters as much as the kernel.

# %% [markdown]
# ## 11. Choosing the GPU, and when to write your own kernels
#
# `CUDA_VISIBLE_DEVICES=1 python train.py` makes the process see only GPU 1, renumbered as
# `cuda:0`. It must be set **before** `import torch` initialises CUDA (in the shell, or at
# the very top of the script); setting it later has no effect. It is also the fix for a
# puzzling failure: when GPU 0 is full, even code that targets `cuda:1` can die with a bare
# `CUDA error: out of memory` at start-up, because creating the CUDA context touches the
# default device 0 first (a few hundred MB there). Hiding GPU 0 avoids touching it at all.
#
# Writing your own kernels is worth it when no library does what you need (a fused
# operation, an unusual layout) and you can prove two things: that forward *and* backward
# are correct (reference tests, `gradcheck`, `opcheck`, awkward shapes), and that it is
# faster (a benchmark against the library, in the same run, on the target hardware). For a
# plain matrix product the answer is almost always "use the library": this chapter's best
# kernels reach a fraction of MKL and cuBLAS after a lot of work.

# %% [markdown]
# ## 12. The other route: pybind11 bindings and an autograd.Function
#
# Most extension tutorials, and many extensions you will read, skip the dispatcher: they bind C++
# functions straight into a Python module with pybind11 and wrap them in a
# `torch.autograd.Function`. `mylinearops._pybind` is that route, built by the same `setup.py`
# from the same kernels (`csrc/pybind/kernels_cpu.cpp` compiles `matmul_cpu.cpp` a second time,
# without its `TORCH_LIBRARY_IMPL`: the op may be registered only once, by `_C`). Step by step:
#
# **1. Utility macros** (`csrc/pybind/macros.h`). `CHECK_CUDA(x)` and `CHECK_CONTIGUOUS(x)` are
# `TORCH_CHECK`s that name the argument (`#x`); `CHECK_INPUT(x)` is both, for a tensor a CUDA
# kernel will read through a raw row-major pointer; `DIV_CEIL(n, per_block)` is the number of
# blocks that cover `n` items. A failing `TORCH_CHECK` throws, and pybind11 turns it into a
# Python `RuntimeError`.
#
# **2. Interface functions** (`csrc/pybind/route.cpp`): plain C++ functions of tensors.
# `matmul_forward(A, B)` computes `C = A @ B`; `matmul_dA_backward(grad_C, B)` computes
# `dL/dA = dL/dC B^T`, shaped like A; `matmul_dB_backward(A, grad_C)` computes `dL/dB = A^T dL/dC`,
# shaped like B; `transpose(X)` is the helper the two backward functions use. They check their
# inputs with the same `checks.h` functions as the ops, then call the same entry points
# (`run_matmul_cpu` / `run_matmul_cuda`, `csrc/matmul.h`) that the ops call.
#
# **3. The binding**: `PYBIND11_MODULE(TORCH_EXTENSION_NAME, m)` with one `m.def("name",
# &function, "doc", py::arg(...))` per function. `TORCH_EXTENSION_NAME` is the module name that
# `setup.py` gave (`_pybind`), so the two cannot disagree. The file includes
# `<torch/extension.h>`, which brings pybind11 and torch's tensor casters.
#
# **4. The CUDA wrapper** (`csrc/pybind/route_cuda.cu`, the transpose): the same five steps in
# every such wrapper. Read the sizes (`rows`, `cols`); allocate the output (`at::empty({cols, rows},
# x.options())`, same dtype and device); choose the launch configuration, blocks of 32 x 8 threads
# and `DIV_CEIL(cols, 32) x DIV_CEIL(rows, 8)` blocks so that every entry has a thread; launch
# `<<<grid, block, 0, stream>>>` on torch's current stream; return the output.
#
# **5. The Python side** (`mylinearops/pybind_route.py`): autograd cannot see inside the bound
# functions, so an `autograd.Function` says what they mean. `forward` saves A and B and calls
# `matmul_forward`; `backward` calls `matmul_dA_backward` only if `ctx.needs_input_grad[0]` and
# `matmul_dB_backward` only if `ctx.needs_input_grad[1]` (a frozen weight costs no product), and
# returns one gradient per forward input. `LinearLayer` is built on a second Function for `X @ W + b`.

# %%
from mylinearops import _pybind, pybind_route
P = torch.tensor([[1., 2.], [3., 4.]])
Q = torch.tensor([[5., 6.], [7., 8.]])
_pybind.matmul_forward(P, Q)

# %%
Pg = P.clone().requires_grad_()
pybind_route.matmul(Pg, Q).sum().backward()
Pg.grad                     # dL/dP = ones(2, 2) @ Q^T

# %% [markdown]
# Both routes compute the same numbers with the same kernels. What they give you differs, and
# each row of this table is a test in `tests/test_routes.py`:
#
# | | dispatcher route (`mylinearops.matmul`) | pybind11 route (`pybind_route.matmul`) |
# |---|---|---|
# | values and gradients equal `torch.matmul` | yes | yes |
# | `gradcheck` in float64 | passes | passes |
# | `torch.library.opcheck` | passes (schema, fake, autograd) | refused: `ValueError`, "op must be instance of torch._ops.OpOverload" (it is no op) |
# | `torch.compile(fullgraph=True)` | one graph, 0 graph breaks | `Unsupported` error; without `fullgraph`, 1 graph break (`torch._dynamo.explain`, torch 2.14) |
# | meta / fake tensors | the fake kernel gives shape and dtype | `RuntimeError`: a meta tensor is refused; a fake one reaches the kernel, which finds no data |
# | `torch.export` | exports, one `mylinearops.matmul` node | fails (export traces with fake tensors) |
# | through `torch.ops` (TorchScript, C++) | `torch.jit.script` compiles a call to `torch.ops.mylinearops.matmul` | "Python builtin ... is currently not supported in Torchscript" |
# | clean build, C++ only, 2-core shared machine | 142 s | 147 s |
# | import, torch already loaded | 11.7 ms (0.7 ms of it loading `_C`) | 2.7 ms (1.5 ms of it loading `_pybind`) |
#
# The last two rows are one run of `.venv/bin/python -m chapters.ch05_cuda_extension.route_costs --build`
# (the build in a temporary copy, one module at a time; import times are medians of 5 fresh
# interpreters, from `python -X importtime`), on the 2-core machine shared with other jobs: an
# earlier run, before the `packed` kernel's files existed, measured 45 s and 39 s, 6.7 ms and
# 1.4 ms. Read the builds as "about the same": each module compiles the kernels once, `_C` with
# `torch/library.h`, `_pybind` with the heavier `torch/extension.h`; a build with both modules
# costs twice one (with `FORCE_CUDA=1`, both modules and their CUDA files: 4 min 57 s there). The import cost
# of the dispatcher route is its Python registrations (the fake kernels, `register_fake`), a
# few milliseconds once per process (8.8 ms against 2.3 ms when measured again after the autograd
# kernels moved to C++). Which is why this chapter chose the dispatcher: for a few
# milliseconds it gets `torch.compile`, `torch.export`, fake tensors, `opcheck` and calls from
# C++ and TorchScript, all of which the pybind11 route loses because the dispatcher has never
# heard of its functions.
#
# The graph break is easy to see:

# %%
def scaled(a, b):
    return (pybind_route.matmul(a * 2, b) + 1).relu()
torch._dynamo.reset()
torch._dynamo.explain(scaled)(P, Q).graph_break_count

# %% [markdown]
# Dynamo cannot look inside a pybind11 function, so it ends the graph before the call, runs the
# call in plain Python, and starts a new graph after it. With the op, the same function is one graph.
#
# On meta tensors the difference is just as plain:

# %%
mylinearops.matmul(torch.empty(5, 4, device="meta"), torch.empty(4, 3, device="meta")).shape

# %%
try:
    _pybind.matmul_forward(torch.empty(5, 4, device="meta"), torch.empty(4, 3, device="meta"))
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %% [markdown]
# **Where write-ups of this route go wrong.** Two mistakes are common, and a test checks each:
#
# * A comment that calls the result of the A-backward "dL/dB". `matmul_dA_backward(grad_C, B)`
#   returns the gradient of **A**: it has A's shape (M, K), and for a non-square product it could
#   not even be added to B (`test_dA_backward_is_the_gradient_of_A_not_of_B`).
# * `CHECK_INPUT` (device *and* contiguity) at the top of every interface function. Contiguity is
#   what a kernel reading a raw pointer needs, and our entry points make their inputs contiguous
#   themselves, so a transposed view is a valid input. Worse, the gradient autograd passes to
#   `backward` is often a view: for `C.sum()` it is a tensor of ones *expanded* to C's shape, with
#   strides (0, 0), so a strict check fails inside `loss.backward()` on the simplest loss. Here
#   only `transpose`, whose kernel does read raw row-major memory, checks contiguity
#   (`test_views_are_valid_inputs_a_contiguity_check_would_reject_them`):

# %%
Qt = Q.t().contiguous().t()   # Q's values, stored transposed: a view, not contiguous
torch.equal(_pybind.matmul_forward(P, Qt), P @ Q)

# %%
try:
    _pybind.transpose(Qt)
except Exception as error:  # the lesson expects an error here
    print(f"{type(error).__name__}: {error}")

# %% [markdown]
# **The practice exercise uses the pybind11 route** (`make practice EX=ch05_matmul`): the judge
# compiles your one function with `torch.utils.cpp_extension.load` and adds the
# `PYBIND11_MODULE` binding itself. That is the right tool there: the judge only calls your
# function on tensors, needs no autograd, compile or export, and rebuilds a new module each time
# you change your file, where a `TORCH_LIBRARY` namespace can be defined only once per process.

# %% [markdown]
# ## Traps
#
# * Forgetting `-fopenmp`: `at::parallel_for` silently runs on one thread.
# * A kernel that assumes contiguous input: `w.t()` in the backward is a view with swapped
#   strides. Call `.contiguous()` (or handle strides) in the C++ op.
# * Bounds: sizes that are not multiples of the tile must load zeros and skip the stores;
#   tests at 1x1, primes and `tile + 1` catch this.
# * `gradcheck` in float32 fails or passes by luck: finite differences need float64.
# * An op argument named `kernel`: fine in eager and with `aot_eager`, but Inductor (the
#   default `torch.compile` backend) fails. Test the default backend, not only `aot_eager`.
# * Loading `nn.Linear` weights into a layer that stores W transposed: a square weight fits
#   either way. Mark the layout in the `state_dict` and check it on load.
# * Timing a GPU kernel with `time.perf_counter()` without synchronising measures the
#   launch, not the work: use CUDA events (`gpu_bench.py`) or `torch.cuda.synchronize()`.
# * `TF32`: cuBLAS may use TF32 tensor cores for float32 and look 5x faster; compare with
#   `torch.backends.cuda.matmul.allow_tf32 = False`.
# * A kernel launched on the default stream while torch uses another one races with it;
#   launch on `getCurrentCUDAStream()`.
# * An open one: on the GPU machine (torch 2.11, GCC 13.3) a failing `TORCH_CHECK` inside
#   this extension killed the Python process with a segfault instead of raising, also in a
#   CPU-only build, with and without `-march=native`, `-fopenmp` and frame pointers; with
#   torch 2.14 here it raises `RuntimeError` as it should. We did not find the cause in the
#   time we had. So the Python functions check their inputs first (same messages), bad input
#   never reaches the C++ checks through the public API, and `test_the_cpp_checks_raise_too`
#   runs only on torch >= 2.14.

# %% [markdown]
# ## Exercises
#
# **Practice mode, judged:** `make practice EX=ch05_matmul` puts a stub in
# `practice/ch05_matmul/solution.cpp`: `torch::Tensor matmul(const torch::Tensor& A, const
# torch::Tensor& B)`. Write `C = A @ B` there with your own loops, then `make check EX=ch05_matmul`.
# The judge compiles your file with the chapter's own toolchain (`torch.utils.cpp_extension.load`:
# the same compiler, torch's headers and flags, `-O2`; it adds the Python bindings itself) in the
# child process that then runs it. Compiler errors come back as the compiler prints them, naming
# your file and your line numbers; an unchanged file is not rebuilt. It checks the example, then
# 100 generated inputs against `torch.matmul`: M, K and N from 0 to 40 (0, 1 and primes often),
# float32 and float64, contiguous inputs and views (transposed, every other row or column). It
# shows the smallest input it finds wrong, with its strides, and names the trap when your result
# is a known mistake's: indexing `data_ptr()` as row-major without `.contiguous()` ("Traps"), a
# transposed result (section 4), or an accumulator of the wrong type. The sum must be a
# `scalar_t`: `float sum` rounds every partial sum of float64 inputs to float32 (7 digits instead
# of 16), and `auto sum = 0;` declares an `int`, which truncates each partial sum to a whole
# number; both compile without a word. After a pass it times your matmul at 256 x 256 on one
# thread, as a share of `torch.matmul`, next to the naive, ikj and blocked kernels above (a
# report, not a condition). A CUDA variant needs a GPU; without one it is skipped.
#
# 1. Add a `"ikj_serial"` CPU kernel (no `parallel_for`) and measure what the second core
#    buys at 512 and 1024.
# 2. Change `kMR`/`kKC` in `matmul_cpu.cpp`, rebuild (`make ext`) and rerun `make bench`.
#    Which tile is fastest on your machine, and why does a 12 x NR tile get slower?
# 3. Fuse the bias into the CPU kernel (start the accumulators from `b` instead of adding
#    it afterwards) and check with `opcheck` that nothing else needs to change.
# 4. On a GPU: add a `"blocktiled_32"` configuration for very small matrices and find the
#    size where it stops paying off.
# 5. Write a `float16` version of `coalesced` and compare its error to `torch.matmul` in
#    float16. Which tolerance is fair?

# %% [markdown]
# ## Summary
#
# * A custom op is a schema (`TORCH_LIBRARY`), device kernels (`TORCH_LIBRARY_IMPL`), and
#   from Python a fake kernel and an autograd formula; `opcheck` checks they agree.
# * Build its backward from registered ops and it stays compile-safe.
# * Memory access order decides speed: coalescing and tiling on the GPU, loop order,
#   packing and register blocking on the CPU; the same ideas, different hardware.
# * Check inputs with messages, accept views, handle empty sizes, test awkward shapes, and
#   measure against the library in the same run before believing a kernel is fast.
