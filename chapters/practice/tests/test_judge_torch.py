"""The judge, proven on every PyTorch exercise: the stub fails, the reference passes, and each
known wrong answer fails with its trap named."""

import inspect

import pytest

from chapters.practice import catalog
from chapters.practice.workspace import Workspace

EXAMPLES = 20  # a learner's check runs 100; the known wrong answers must fail well before 20
TORCH_EXERCISES = [e for e in catalog.exercises() if e.number is None and e.languages == ("python",)]
each = pytest.mark.parametrize("exercise", TORCH_EXERCISES, ids=lambda e: e.slug)
WRONG = [(e, w) for e in TORCH_EXERCISES for w in e.wrong]


def judge(exercise, text: str, tmp_path):
    workspace = Workspace(tmp_path)
    workspace.start(exercise)
    folder = workspace.folder(exercise)
    for name, content in text.items():
        (folder / name).write_text(content)
    return exercise.judge(exercise.languages[0], folder, EXAMPLES)


def importing(obj, as_name: str, attribute: str = "") -> str:
    """A solution file that imports `obj` from where it is defined, under the judged name."""
    module = inspect.getmodule(obj).__name__
    return f"from {module} import {obj.__name__} as _answer\n{as_name} = _answer{attribute}\n"


def test_there_are_exercises_in_every_pytorch_chapter():
    chapters = {e.chapter for e in TORCH_EXERCISES}
    assert chapters, "no PyTorch exercise found"


@each
def test_the_stub_fails(exercise, tmp_path):
    verdict = judge(exercise, {}, tmp_path)
    assert not verdict.solved and verdict.stage == "not started", verdict.headline


@each
def test_the_reference_passes(exercise, tmp_path):
    files = exercise.reference_files() if hasattr(exercise, "reference_files") else {
        "solution.py": importing(exercise.reference, exercise.name)}
    verdict = judge(exercise, files, tmp_path)
    assert verdict.solved, verdict.headline


@pytest.mark.parametrize("exercise, answer", WRONG, ids=[f"{e.slug}-{w.name}" for e, w in WRONG])
def test_each_known_wrong_answer_fails_with_its_trap_named(exercise, answer, tmp_path):
    module = inspect.getmodule(answer.solve).__name__
    files = {"solution.py": f"from {module} import {answer.name}\n{exercise.name} = {answer.name}.solve\n"}
    verdict = judge(exercise, files, tmp_path)
    assert not verdict.solved and verdict.stage in ("example", "generated"), verdict.headline
    assert answer in verdict.traps, f"{verdict.headline}; traps named: {verdict.traps}"
