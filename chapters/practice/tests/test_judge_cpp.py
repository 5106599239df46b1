"""The C++ exercise's judge (ch05_matmul), proven with one real build: the reference passes; the
stub is "not started"; each known wrong answer, written as the C++ mistake it stands for, fails
with its trap named; a compile error shows the compiler's line in the learner's file."""

import io
import time

import pytest
import torch
from rich.console import Console

from chapters import package_for
from chapters.ch05_cuda_extension.exercises._cpp import CppBuild
from chapters.ch05_cuda_extension.exercises.matmul import DECLARATION, Operands, multiply, operand
from chapters.practice import catalog
from chapters.practice.child import LearnerCode
from chapters.practice.workspace import ROOT, Workspace

pytestmark = pytest.mark.slow
EXERCISE = catalog.find("ch05_matmul")
EXAMPLES = 20  # a learner's check runs 100; each known wrong answer fails well before 20
BEHAVIOUR = "PRACTICE_TEST_MATMUL"  # read by the test's solution.cpp on every call

# One file, one build: the reference answer, each known wrong answer as the C++ mistake it stands
# for, and the stub's behaviour; which one `matmul` runs is chosen per call by $PRACTICE_TEST_MATMUL.
MISTAKES = r"""
#include <cstdlib>
#include <string>

torch::Tensor ignores_strides(const torch::Tensor& A, const torch::Tensor& B) {
  const int64_t M = A.size(0), K = A.size(1), N = B.size(1);
  torch::Tensor C = torch::empty({M, N}, A.options());
  AT_DISPATCH_FLOATING_TYPES(A.scalar_type(), "ignores_strides", [&] {
    const scalar_t* a = A.data_ptr<scalar_t>();  // no .contiguous(): a view is read as row-major
    const scalar_t* b = B.data_ptr<scalar_t>();
    scalar_t* c = C.data_ptr<scalar_t>();
    for (int64_t i = 0; i < M; ++i)
      for (int64_t j = 0; j < N; ++j) {
        scalar_t sum = 0;
        for (int64_t k = 0; k < K; ++k) sum += a[i * K + k] * b[k * N + j];
        c[i * N + j] = sum;
      }
  });
  return C;
}

template <typename Sum>
torch::Tensor sum_in(const torch::Tensor& A, const torch::Tensor& B) {
  const int64_t M = A.size(0), K = A.size(1), N = B.size(1);
  torch::Tensor C = torch::empty({M, N}, A.options());
  AT_DISPATCH_FLOATING_TYPES(A.scalar_type(), "sum_in", [&] {
    const auto a = A.accessor<scalar_t, 2>();
    const auto b = B.accessor<scalar_t, 2>();
    auto c = C.accessor<scalar_t, 2>();
    for (int64_t i = 0; i < M; ++i)
      for (int64_t j = 0; j < N; ++j) {
        Sum sum = 0;  // float, or what `auto sum = 0;` declares: int
        for (int64_t k = 0; k < K; ++k) sum += a[i][k] * b[k][j];
        c[i][j] = sum;
      }
  });
  return C;
}

torch::Tensor float_accumulator(const torch::Tensor& A, const torch::Tensor& B) {
  return sum_in<float>(A, B);
}

torch::Tensor int_accumulator(const torch::Tensor& A, const torch::Tensor& B) {
  return sum_in<decltype(0)>(A, B);
}

torch::Tensor transposed_result(const torch::Tensor& A, const torch::Tensor& B) {
  const int64_t M = A.size(0), K = A.size(1), N = B.size(1);
  torch::Tensor C = torch::zeros({N, M}, A.options());  // (N, M): the indices swapped
  AT_DISPATCH_FLOATING_TYPES(A.scalar_type(), "transposed_result", [&] {
    const auto a = A.accessor<scalar_t, 2>();
    const auto b = B.accessor<scalar_t, 2>();
    auto c = C.accessor<scalar_t, 2>();
    for (int64_t i = 0; i < M; ++i)
      for (int64_t j = 0; j < N; ++j)
        for (int64_t k = 0; k < K; ++k) c[j][i] += a[i][k] * b[k][j];
  });
  return C;
}

torch::Tensor matmul(const torch::Tensor& A, const torch::Tensor& B) {
  const char* chosen = std::getenv("PRACTICE_TEST_MATMUL");
  const std::string name = chosen ? chosen : "";
  if (name.empty()) return reference_matmul(A, B);
  if (name == "stub") TORCH_CHECK(false, "write your answer here");
  if (name == "ignores_strides") return ignores_strides(A, B);
  if (name == "float_accumulator") return float_accumulator(A, B);
  if (name == "int_accumulator") return int_accumulator(A, B);
  if (name == "transposed_result") return transposed_result(A, B);
  TORCH_CHECK(false, "the test's solution.cpp has no C++ for the wrong answer ", name);
}
"""
REFERENCE = EXERCISE.references()["solution.cpp"]
assert REFERENCE.count(DECLARATION) == 1, "the reference must define matmul once"
TEST_CPP = REFERENCE.replace(DECLARATION, DECLARATION.replace("matmul(", "reference_matmul(")) + MISTAKES
TYPO_IN_HEADER = """// a typo in the header's name: the compiler stops at once (a fatal error)
#include <torch/extention.h>

torch::Tensor matmul(const torch::Tensor& A, const torch::Tensor& B) { return A; }
"""


def render(verdict) -> str:
    console = Console(record=True, width=200, file=io.StringIO())
    verdict.show(console)
    return console.export_text()


def started(root) -> tuple[Workspace, object]:
    workspace = Workspace(root)
    workspace.start(EXERCISE)
    return workspace, workspace.folder(EXERCISE)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The test's solution.cpp, built and judged once (its reference behaviour): the one build."""
    _, folder = started(tmp_path_factory.mktemp("practice"))
    (folder / "solution.cpp").write_text(TEST_CPP)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(BEHAVIOUR, raising=False)
        start = time.perf_counter()
        verdict = EXERCISE.judge("cpp", folder, EXAMPLES)
        seconds = time.perf_counter() - start
    print(f"\nch05_matmul: the build and the judge took {seconds:.1f} s")
    return folder, verdict


def build_folders(folder):
    return sorted(p for p in (folder / ".build").iterdir() if p.is_dir())


def test_the_reference_passes_after_a_real_build(built):
    folder, verdict = built
    assert verdict.solved and verdict.stage == "solved", render(verdict)
    text = render(verdict)
    assert "your matmul" in text and "share of torch.matmul" in text, text  # the speed report
    assert "CUDA variant" in text


def test_the_unchanged_stub_is_not_started_without_a_build(tmp_path):
    _, folder = started(tmp_path)
    verdict = EXERCISE.judge("cpp", folder, EXAMPLES)
    assert not verdict.solved and verdict.stage == "not started", verdict.headline
    assert not (folder / ".build").exists()


def test_a_built_stub_is_not_started_and_the_build_is_reused(built, monkeypatch):
    folder, _ = built
    (library,) = build_folders(folder)[0].glob("*.so")
    before = library.stat().st_mtime_ns
    monkeypatch.setenv(BEHAVIOUR, "stub")
    verdict = EXERCISE.judge("cpp", folder, EXAMPLES)
    assert not verdict.solved and verdict.stage == "not started", render(verdict)
    assert len(build_folders(folder)) == 1 and library.stat().st_mtime_ns == before


@pytest.mark.parametrize("answer", EXERCISE.wrong, ids=lambda w: w.name)
def test_each_mistake_in_cpp_fails_with_its_trap_named(built, answer, monkeypatch):
    folder, _ = built
    monkeypatch.setenv(BEHAVIOUR, answer.name)
    verdict = EXERCISE.judge("cpp", folder, EXAMPLES)
    assert not verdict.solved and verdict.stage in ("example", "generated"), render(verdict)
    assert answer in verdict.traps, render(verdict)
    assert answer.trap in render(verdict)
    readme = (ROOT / "chapters" / package_for(EXERCISE.chapter) / "README.md").read_text()
    assert f"\n## {answer.section}\n" in readme, f"no section {answer.section!r} in the README"


def fixed_inputs() -> list[Operands]:
    """A few inputs: views, both dtypes, M != N and M == N."""
    gen = torch.Generator().manual_seed(5)
    cases = []
    for (M, K, N), dtype, layouts in [((5, 7, 3), torch.float64, ("transposed", "every other row")),
                                      ((4, 6, 4), torch.float32, ("every other column", "transposed")),
                                      ((3, 2, 6), torch.float64, ("contiguous", "contiguous"))]:
        A, how_a = operand(M, K, layouts[0], dtype, gen)
        B, how_b = operand(K, N, layouts[1], dtype, gen)
        cases.append(Operands(A, B, (how_a, how_b)))
    return cases


@pytest.mark.parametrize("answer", EXERCISE.wrong, ids=lambda w: w.name)
def test_each_python_emulation_computes_what_the_cpp_mistake_computes(built, answer, monkeypatch):
    folder, _ = built
    monkeypatch.setenv(BEHAVIOUR, answer.name)  # the child, forked now, inherits it
    loader = CppBuild(DECLARATION)
    with LearnerCode(folder / "solution.cpp", "matmul", multiply, 20, loader=loader,
                     load_timeout_s=120) as code:
        shows = False
        for case in fixed_inputs():
            got = code.call(case)
            assert got.ok, got.error
            assert EXERCISE.differences(got.value, multiply(answer.solve, case)) == [], case
            shows |= EXERCISE.differences(got.value, multiply(EXERCISE.reference, case)) != []
    assert shows, "the mistake shows on none of the inputs: the comparison proves nothing"


def test_a_compile_error_shows_the_compilers_line_in_the_learners_file(tmp_path):
    _, folder = started(tmp_path)
    (folder / "solution.cpp").write_text(TYPO_IN_HEADER)
    verdict = EXERCISE.judge("cpp", folder, EXAMPLES)
    text = render(verdict)
    assert not verdict.solved and verdict.stage == "error", text
    assert "solution.cpp does not build" in text, text
    assert f"{folder / 'solution.cpp'}:2:10: fatal error: torch/extention.h" in text, text
    assert "ninja" not in text and " -MMD " not in text, text  # the compiler's words only
