"""The README, the walk-through and the notebook tell the same lesson (common/lesson.py)."""

import io
import re

import jupytext
import pytest
from rich.console import Console

from chapters.ch01_tensors.__main__ import LESSON


@pytest.fixture(scope="module")
def sections():
    return LESSON.sections()


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


def test_notebook_is_valid_jupytext_without_outputs(sections):
    notebook = jupytext.read(LESSON.notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert not any(c.get("outputs") for c in notebook.cells)
    assert sum(c.cell_type == "markdown" for c in notebook.cells) > 20
    # every README statement appears in some code cell, in order
    joined = "\n".join(c.source for c in code)
    position = 0
    for example in (e for s in sections for e in s.examples):
        first_line = example.source.splitlines()[0]
        position = joined.index(first_line, position)


def test_walk_through_runs_every_example_and_matches_the_readme(sections):
    console = Console(file=io.StringIO(), width=100, color_system=None)
    assert LESSON.main(["--width", "100"], console=console) == 0
    text = console.file.getvalue()
    assert ">>> X[[0, 2], [1, 3]]\ntensor([ 1, 11])" in text  # code followed by its real output
    assert "RuntimeError: view size is not compatible" in text
    assert re.search(r"Traps\s*│\s*\d+\s*│\s*yes", text)
    total = sum(len(s.examples) for s in sections)
    assert text.rstrip().endswith(f"{total} examples ran, all match the README")


def test_walk_through_shows_only_the_chosen_sections():
    console = Console(file=io.StringIO(), width=100, color_system=None)
    assert LESSON.main(["5", "--no-prose"], console=console) == 0
    text = console.file.getvalue()
    assert "5. Broadcasting" in text and "3. Indexing" not in text.split("Examples run")[0]
    assert "Element-wise operations accept" not in text  # --no-prose
    with pytest.raises(SystemExit):
        LESSON.main(["42"], console=console)
