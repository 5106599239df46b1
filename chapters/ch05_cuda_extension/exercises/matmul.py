"""C = A @ B written in C++ by the learner: judged on awkward shapes, both float dtypes and
views, then timed next to torch.matmul and the chapter's three CPU kernels."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial

import torch
from hypothesis import strategies as st

from chapters.ch05_cuda_extension.exercises._cpp import CppExercise, Speed
from chapters.practice.tensors import tensor_differences
from chapters.practice.torch_exercise import wrong

DECLARATION = "torch::Tensor matmul(const torch::Tensor& A, const torch::Tensor& B)"

STUB = f"""\
// C = A @ B in C++ (the task is in README.md here). Check: make check EX=ch05_matmul
#include <torch/extension.h>

// A is (M, K) and B is (K, N): 2-D, both float32 or both float64, on the CPU, with any strides
// (a transposed view, a slice with a step). Return a new contiguous (M, N) tensor of A's dtype.
// Any of M, K, N may be 0. The judge adds the Python bindings: no PYBIND11_MODULE here.
{DECLARATION} {{
  TORCH_CHECK(false, "write your answer here");
}}
"""

REFERENCE = f"""\
// C = A @ B: the i-k-j loop of section 4, reading both inputs through their strides.
#include <torch/extension.h>

{DECLARATION} {{
  TORCH_CHECK(A.dim() == 2 && B.dim() == 2, "matmul: A and B must be 2-D");
  TORCH_CHECK(A.size(1) == B.size(0), "matmul: inner sizes differ: ", A.sizes(), " and ", B.sizes());
  TORCH_CHECK(A.scalar_type() == B.scalar_type(), "matmul: A and B must have the same dtype");
  TORCH_CHECK(A.device().is_cpu() && B.device().is_cpu(), "matmul: CPU tensors only");
  const int64_t M = A.size(0), K = A.size(1), N = B.size(1);
  torch::Tensor C = torch::zeros({{M, N}}, A.options());  // (M, N), contiguous; zeros: K may be 0
  AT_DISPATCH_FLOATING_TYPES(A.scalar_type(), "practice_matmul", [&] {{
    const auto a = A.accessor<scalar_t, 2>();  // a[i][k] follows A's strides: views are fine
    const auto b = B.accessor<scalar_t, 2>();
    auto c = C.accessor<scalar_t, 2>();
    for (int64_t i = 0; i < M; ++i) {{
      for (int64_t k = 0; k < K; ++k) {{
        const scalar_t aik = a[i][k];  // scalar_t is float or double: sums in the inputs' type
        for (int64_t j = 0; j < N; ++j) c[i][j] += aik * b[k][j];
      }}
    }}
  }});
  return C;
}}
"""


@dataclass(frozen=True, repr=False)
class Operands:
    """A (M, K) and B (K, N), with how each was made: the judge's report shows the strides."""

    A: torch.Tensor
    B: torch.Tensor
    how: tuple[str, str] = ("contiguous", "contiguous")

    def __repr__(self) -> str:
        lines = []
        for label, t, how in (("A", self.A, self.how[0]), ("B", self.B, self.how[1])):
            dtype = str(t.dtype).removeprefix("torch.")
            lines.append(f"{label}: {tuple(t.shape)} {dtype}, {how}: strides {t.stride()}, "
                         f"storage offset {t.storage_offset()}")
            lines.append(f"   {t!r}".replace("\n", "\n   "))
            if not t.is_contiguous() and t.numel():
                lines.append(f"   its memory from the start: {_memory(t)}")
        return "\n".join(lines)


def _memory(t: torch.Tensor, most: int = 48) -> str:
    """The values in t's storage, in memory order (what a kernel that ignores strides reads)."""
    count = t.untyped_storage().nbytes() // t.element_size()
    values = torch.as_strided(t, (min(count, most),), (1,), 0).tolist()
    text = "[" + ", ".join(f"{v:.4g}" for v in values) + "]"
    return text if count <= most else text[:-1] + ", ...]"


def multiply(function, operands: Operands):
    """How the judge calls an answer (the learner's, the reference or a wrong one)."""
    return function(operands.A, operands.B)


# ---- generated inputs ---------------------------------------------------------------------------
SIZES = st.one_of(st.sampled_from((0, 1, 2, 3, 5, 7, 13, 31, 37)), st.integers(0, 40))
LAYOUTS = ("contiguous", "transposed", "every other column", "every other row")


def operand(rows: int, cols: int, layout: str, dtype: torch.dtype,
            gen: torch.Generator) -> tuple[torch.Tensor, str]:
    """A (rows, cols) matrix laid out as `layout`, and the recipe, in words."""
    def values(r: int, c: int) -> torch.Tensor:  # thirds: not exact in binary, so rounding shows
        return torch.randint(-6, 7, (r, c), generator=gen).to(dtype) / 3

    if layout == "transposed":
        return values(cols, rows).t(), f"base.t() of a ({cols}, {rows}) base"  # strides (1, rows)
    if layout == "every other column":
        return values(rows, 2 * cols)[:, 1::2], f"base[:, 1::2] of a ({rows}, {2 * cols}) base"
    if layout == "every other row":
        return values(2 * rows + 1, cols)[1::2], f"base[1::2] of a ({2 * rows + 1}, {cols}) base"
    return values(rows, cols), "contiguous"


@st.composite
def operands(draw) -> Operands:
    """M, K, N from 0 to 40 (0, 1 and primes often), float32 or float64, views or not."""
    M, K, N = draw(SIZES), draw(SIZES), draw(SIZES)
    dtype = draw(st.sampled_from((torch.float32, torch.float64)))
    layout_a, layout_b = draw(st.sampled_from(LAYOUTS)), draw(st.sampled_from(LAYOUTS))
    gen = torch.Generator().manual_seed(draw(st.integers(0, 2**16)))
    A, how_a = operand(M, K, layout_a, dtype, gen)
    B, how_b = operand(K, N, layout_b, dtype, gen)
    return Operands(A, B, (how_a, how_b))


EXAMPLE = Operands(
    torch.tensor([[1.0, 2.0, 0.0, -1.0], [0.0, 1.0, 1.0, 2.0], [3.0, 0.0, -2.0, 1.0]]),
    torch.tensor([[1.0, 0.0], [2.0, 1.0], [0.0, -1.0], [1.0, 3.0]]),
)

# float32 sums of up to 40 products of values up to 2 in size, in another order than MKL's
TOLERANCE = {torch.float32: (1e-4, 4e-4), torch.float64: (1e-10, 1e-10)}


def differences(actual, expected: torch.Tensor) -> list[str]:
    """What differs, with the digits that show it (a float accumulator differs in the 8th)."""
    rtol, atol = TOLERANCE.get(expected.dtype, (1e-5, 1e-6))
    problems = tensor_differences(actual, expected, rtol, atol)
    if not problems:
        if not actual.is_contiguous():
            return [f"the result is a view with strides {actual.stride()}: return a contiguous "
                    f"(M, N) tensor"]
        return []
    if not isinstance(actual, torch.Tensor) or actual.shape != expected.shape \
            or actual.dtype != expected.dtype:
        return problems  # the shape, dtype or type: tensor_differences says it
    close = torch.isclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True)
    wrong_at = (~close).nonzero().tolist()
    digits = 9 if expected.dtype == torch.float32 else 17
    lines = [f"{len(wrong_at)} of {expected.numel()} entries differ (rtol {rtol:g}, atol {atol:g}); "
             "the first:"]
    for i, j in wrong_at[:5]:
        lines.append(f"  at ({i}, {j}): got {actual[i, j].item():.{digits}g}, "
                     f"expected {expected[i, j].item():.{digits}g}")
    return lines


# ---- known wrong answers: Python that computes exactly what each C++ mistake computes ------------
def _row_major(t: torch.Tensor) -> torch.Tensor:
    """What t.data_ptr()[i * cols + j] reads: t's memory from its offset, as if row-major."""
    return torch.as_strided(t, t.shape, (t.shape[1], 1))  # same storage and storage offset


@wrong("indexing data_ptr() as row-major without .contiguous(): a view's strides ignored", "Traps")
def ignores_strides(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    return _row_major(A) @ _row_major(B)  # (M, K) @ (K, N)


@wrong("a float accumulator (`float sum`) for float64 inputs: each partial sum rounded to float32",
       "Exercises")
def float_accumulator(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    acc = torch.zeros(A.shape[0], B.shape[1], dtype=torch.float32)  # (M, N)
    for k in range(A.shape[1]):  # sum = (float)((double)sum + a[i][k] * b[k][j]), in k order
        acc = (acc.to(A.dtype) + A[:, k, None] * B[None, k, :]).float()  # (M, 1) * (1, N)
    return acc.to(A.dtype)


@wrong("`auto sum = 0;` is an int: each partial sum truncated to a whole number", "Exercises")
def int_accumulator(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    acc = torch.zeros(A.shape[0], B.shape[1], dtype=A.dtype)  # (M, N), whole numbers
    for k in range(A.shape[1]):  # sum = (int)(sum + a[i][k] * b[k][j]): toward zero
        acc = torch.trunc(acc + A[:, k, None] * B[None, k, :])  # (M, 1) * (1, N)
    return acc


@wrong("the result transposed: C[j][i] = sum into an (N, M) tensor",
       "4. The CPU code: a ladder of three kernels")
def transposed_result(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    return (A @ B).t().contiguous()  # (N, M)


# ---- after a pass: the speed report (in the judge's child, with the learner's function) --------
SPEED_N = 256
SLOW_S = 5.0  # an answer that would take longer than this per call at SPEED_N is timed smaller


def median_seconds(function, *args, min_run_time: float = 0.2) -> float:
    """torch.utils.benchmark's median of function(*args), after a warm-up call."""
    from torch.utils import benchmark

    function(*args)
    timer = benchmark.Timer("f(*args)", globals={"f": function, "args": args})
    return timer.blocked_autorange(min_run_time=min_run_time).median


def speed(function) -> Speed:
    """The learner's matmul next to torch.matmul and the chapter's naive / ikj / blocked."""
    torch.set_num_threads(1)  # one thread for everyone, as in the lesson's table
    gen = torch.Generator().manual_seed(0)
    A, B = torch.randn(64, 64, generator=gen), torch.randn(64, 64, generator=gen)
    start = time.perf_counter()
    function(A, B)
    probe = time.perf_counter() - start
    n = SPEED_N if probe * (SPEED_N / 64) ** 3 < SLOW_S else 64
    A, B = torch.randn(n, n, generator=gen), torch.randn(n, n, generator=gen)
    contenders = [("torch.matmul", torch.matmul), ("your matmul", function)]
    notes = [] if n == SPEED_N else [
        f"Your matmul took {probe:.2f} s at n = 64, so all are timed at n = 64, not {SPEED_N}."]
    try:
        import mylinearops

        contenders += [(f"chapter: {name}", partial(mylinearops.matmul, algo=name))
                       for name in mylinearops.kernels()["cpu"]]
    except ImportError:
        notes.append("mylinearops is not built (`make ext`): the chapter's kernels are not timed.")
    expected = A @ B
    rows = []
    for who, f in contenders:
        right = torch.allclose(f(A, B), expected, rtol=1e-3, atol=1e-3)
        rows.append((who, median_seconds(f, A, B), "" if right else "wrong at this size!"))
    title = (f"Speed: float32, {n} x {n} @ {n} x {n}, one thread, median of "
             "torch.utils.benchmark.Timer")
    return Speed(title, rows, flop=2.0 * n**3, notes=notes)


def cuda_note() -> list[str]:
    """The CUDA variant, in one line."""
    if torch.cuda.is_available():
        return ["CUDA variant: not judged here yet; the chapter's GPU work is `make gpu-check`."]
    return ["CUDA variant: needs a GPU (torch sees none here), so it is skipped."]


EXERCISE = CppExercise(
    title="A matrix product in C++",
    statement=f"""
Write, in C++ in `solution.cpp`, the function

```cpp
{DECLARATION}
```

that returns `C = A @ B` with your own loops (section 4's ladder starts with them). `A` is
`(M, K)` and `B` is `(K, N)`, both float32 or both float64, on the CPU; return a new contiguous
`(M, N)` tensor of the same dtype. Any of `M`, `K`, `N` may be 0 (then `C` is empty, or all zeros
when `K` is 0). The inputs may be **views**: a transposed matrix, a slice with a step. Read them
through `A.accessor<scalar_t, 2>()` (it follows the strides) or `A.stride(0)`/`A.stride(1)`, or
call `.contiguous()` first. Sum in the inputs' own type (`scalar_t`), not in `float` or `int`.

The judge sends only valid inputs (2-D, one floating dtype, matching inner sizes); checking
them with `TORCH_CHECK` (section 6) is good practice, and not judged.

How it is judged: your file is compiled with `torch.utils.cpp_extension.load` (the chapter's own
toolchain: the same compiler, torch's headers and flags, `-O2`) in `.build/` here; the judge adds
the Python bindings, so write no `PYBIND11_MODULE`. Compiler errors are shown as the compiler
prints them, with your line numbers. The first build takes a minute or two; an unchanged file is
not rebuilt. Then the example, and generated inputs (M, K, N from 0 to 40, float32 and float64,
contiguous and views) against `torch.matmul`, within a tolerance for float32 rounding. After a
pass you see your speed at 256 x 256, as a share of `torch.matmul`, next to the chapter's naive,
ikj and blocked kernels: information, not a condition. A CUDA variant needs a GPU; without one
it is skipped.
""",
    stub=STUB,
    name="matmul",
    reference=torch.matmul,
    reference_source=REFERENCE,
    declaration=DECLARATION,
    inputs=operands,
    example=EXAMPLE,
    run=multiply,
    differences=differences,
    hints=(
        "M = A.size(0), K = A.size(1), N = B.size(1); torch::zeros({M, N}, A.options()) is a "
        "contiguous result of A's dtype, already zero for a sum over K = 0.",
        "AT_DISPATCH_FLOATING_TYPES(A.scalar_type(), \"matmul\", [&] { ... }) runs its body with "
        "scalar_t = float or double; inside, auto a = A.accessor<scalar_t, 2>() reads a[i][k] "
        "through A's strides.",
        "for i, for j: scalar_t sum = 0; for k: sum += a[i][k] * b[k][j]; then c[i][j] = sum. "
        "Swap the j and k loops (c[i][j] += a[i][k] * b[k][j]) for section 4's faster ikj order.",
    ),
    wrong=(ignores_strides, float_accumulator, int_accumulator, transposed_result),
    timeout_s=20.0,
    speed=speed,
    notes=cuda_note,
)
