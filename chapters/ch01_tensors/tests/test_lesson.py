"""The README, the walk-through and the notebook tell the same lesson."""

import io
import re

import jupytext
import pytest
from rich.console import Console

from chapters.ch01_tensors import lesson
from chapters.ch01_tensors.__main__ import Config, main, transcript, walk


@pytest.fixture(scope="module")
def sections():
    return lesson.read_lesson()


def test_the_lesson_has_the_common_outline(sections):
    titles = [s.title for s in sections]
    numbered = [s.number for s in sections if s.number]
    assert numbered == list(range(1, 9))
    for required in ("What you'll learn", "Traps", "Exercises", "Summary"):
        assert required in titles
    for section in sections:
        if section.number:
            assert section.examples, f"section {section.number} has no example"


def test_every_spec_topic_is_taught_with_an_example(sections):
    code = "\n".join(e.source for s in sections for e in s.examples)
    for needle in (
        "torch.zeros",
        "torch.ones",
        "torch.arange",
        "torch.linspace",
        "generator=g",
        ".to(torch.float64)",
        "result_type",
        "mask",
        "X[[0, 2], [1, 3]]",
        ".stride()",
        "is_contiguous",
        ".view(",
        ".reshape(",
        ".permute(",
        ".clone()",
        "broadcast_shape",
        "keepdim=True",
        "add_(",
        "@",
        "torch.einsum",
    ):
        assert needle in code, needle


def test_notebook_is_generated_from_the_readme_and_up_to_date(sections):
    assert lesson.NOTEBOOK.read_text(encoding="utf-8") == lesson.to_notebook(sections), (
        "notebook.py is stale: run `python -m chapters.ch01_tensors.lesson`"
    )


def test_notebook_is_valid_jupytext_without_outputs(sections):
    notebook = jupytext.read(lesson.NOTEBOOK)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert not any(c.get("outputs") for c in notebook.cells)
    assert sum(c.cell_type == "markdown" for c in notebook.cells) > 20
    # every README statement appears in some code cell, in order
    joined = "\n".join(c.source for c in code)
    position = 0
    for example in (e for s in sections for e in s.examples):
        first_line = example.source.splitlines()[0]
        position = joined.index(first_line, position)


def test_run_example_echoes_values_prints_and_errors():
    namespace = lesson.fresh_namespace()
    assert lesson.run_example("x = 2", namespace) == ""
    assert lesson.run_example("x + 1", namespace) == "3\n"
    assert lesson.run_example("print('a'); x", namespace) == "a\n2\n"
    out = lesson.run_example("1 / 0", namespace)
    assert out.startswith("Traceback") and out.endswith("ZeroDivisionError: division by zero\n")


def test_output_matches_uses_doctest_rules():
    assert lesson.output_matches("tensor([1,  2])\n", "tensor([1, 2])\n")
    assert not lesson.output_matches("tensor([1, 2])\n", "tensor([1, 3])\n")
    error = "Traceback (most recent call last):\n    ...\nValueError: bad\n"
    assert lesson.output_matches(
        error, "Traceback (most recent call last):\n  x\nValueError: bad\n"
    )
    assert not lesson.output_matches(error, "ValueError: bad\n")


def test_walk_through_runs_every_example_and_matches_the_readme(sections):
    console = Console(file=io.StringIO(), width=100, color_system=None)
    assert main(["--width", "100"], console=console) == 0
    text = console.file.getvalue()
    assert ">>> X[[0, 2], [1, 3]]\ntensor([ 1, 11])" in text  # code followed by its real output
    assert "RuntimeError: view size is not compatible" in text
    total = sum(len(s.examples) for s in sections)
    assert re.search(r"Traps\s*│\s*\d+\s*│\s*yes", text)
    counts = walk(Config(prose=False), Console(file=io.StringIO()))
    assert sum(run for _, run, _ in counts) == total
    assert all(differing == 0 for _, _, differing in counts)


def test_walk_through_shows_only_the_chosen_sections():
    console = Console(file=io.StringIO(), width=100, color_system=None)
    assert main(["5", "--no-prose"], console=console) == 0
    text = console.file.getvalue()
    assert "5. Broadcasting" in text and "3. Indexing" not in text.split("Examples run")[0]
    assert "Element-wise operations accept" not in text  # --no-prose
    with pytest.raises(SystemExit):
        main(["42"], console=console)


def test_walk_through_flags_an_output_that_drifted(monkeypatch):
    drifted = lesson.Section(1, "Drift", [lesson.Block([lesson.Example("1 + 1", "3\n", 7)])])
    monkeypatch.setattr("chapters.ch01_tensors.__main__.read_lesson", lambda: [drifted])
    console = Console(file=io.StringIO(), width=100, color_system=None)
    assert main([], console=console) == 1
    assert "README line 7 expected instead" in console.file.getvalue()


def test_transcript_reads_like_a_session():
    examples = [lesson.Example("x = 1", "", 1), lesson.Example("for i in []:\n    pass", "", 2)]
    assert transcript(examples, ["", ""]) == ">>> x = 1\n>>> for i in []:\n...     pass"
