"""The lesson engine (common/lesson.py) on small READMEs written here, not on a chapter's."""

from __future__ import annotations

import doctest
import io
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from common import lesson
from common.lesson import Block, Config, Example, Kind, Lesson, Section

README = """\
# Chapter 0: a test lesson

Intro prose.

## 1. Fenced

Some prose.

```python
>>> x = 40
>>> x + 2
42

```

A listing that is not an example:

```python
def f():
    return 1
```

## 2. Bare

>>> print("a"); x
a
40
>>> int("nope")
Traceback (most recent call last):
...
ValueError: invalid literal for int() with base 10: 'nope'

## Traps

```python
>>> 0.1 + 0.2
0.3
>>> "a-very-long-identifier-that-never-fits" * 4
'a-very-long-identifier-that-never-fitsa-very-long-identifier-that-never-fitsa-very-long-identifier-that-never-fitsa-very-long-identifier-that-never-fits'

```

| column | a rather long cell |
|---|---|
| `an_identifier_that_is_long` | words that wrap at spaces are fine |
"""


def make(tmp_path: Path, text: str = README, **options) -> Lesson:
    (tmp_path / "README.md").write_text(text, encoding="utf-8")
    return Lesson(tmp_path, **options)


def console(width: int = 100) -> Console:
    return Console(file=io.StringIO(), width=width, color_system=None)


def test_sections_split_prose_fenced_and_bare_examples_with_their_readme_lines(tmp_path):
    sections = make(tmp_path).sections()
    assert [(s.number, s.title) for s in sections] == [
        (0, "Introduction"),
        (1, "Fenced"),
        (2, "Bare"),
        (None, "Traps"),
    ]
    fenced, bare = sections[1], sections[2]
    assert [type(p).__name__ for p in fenced.parts] == ["str", "Block", "str"]
    assert "def f():" in fenced.parts[2]  # a listing without >>> stays prose
    assert [(e.source, e.want) for e in fenced.examples] == [("x = 40", ""), ("x + 2", "42\n")]
    lines = README.splitlines()
    for example in fenced.examples + bare.examples:
        assert lines[example.lineno - 1] == ">>> " + example.source.splitlines()[0]
    assert bare.examples[1].raises and not bare.examples[0].raises


def test_run_python_echoes_values_prints_and_errors():
    namespace: dict = {}
    assert lesson.run_python("x = 2", namespace) == ""
    assert lesson.run_python("x + 1", namespace) == "3\n"
    assert lesson.run_python("print('a'); x", namespace) == "a\n2\n"
    out = lesson.run_python("1 / 0", namespace)
    assert out.startswith("Traceback") and out.endswith("ZeroDivisionError: division by zero\n")


def test_output_matches_follows_doctest_and_pytest_number():
    def example(want, exc_msg=None, options=None):
        return Example("x", want, 1, exc_msg, options or {})

    assert lesson.output_matches(example("tensor([1,  2])\n"), "tensor([1, 2])\n")
    assert not lesson.output_matches(example("tensor([1, 2])\n"), "tensor([1, 3])\n")
    assert lesson.output_matches(example("[1, ..., 9]\n"), "[1, 2, 3, 9]\n")
    assert lesson.output_matches(example("0.3\n"), "0.30000000000000004\n")  # NUMBER
    assert not lesson.output_matches(example("0.3\n"), "0.4\n")
    error = example("Traceback (most recent call last):\n...\nValueError: bad ... end\n",
                    "ValueError: bad ... end\n")  # fmt: skip
    assert lesson.output_matches(
        error, "Traceback (most recent call last):\n    ...\nValueError: bad\n  two lines end\n"
    )
    assert not lesson.output_matches(error, "ValueError: bad end\n")
    assert not lesson.output_matches(
        error, "Traceback (most recent call last):\n    ...\nTypeError: bad end\n"
    )
    skipped = example("anything\n", options={doctest.SKIP: True})
    assert lesson.output_matches(skipped, "something else\n")


def test_the_walk_through_runs_everything_and_ends_with_one_line(tmp_path):
    out = console()
    assert make(tmp_path).main([], console=out) == 0
    text = out.file.getvalue()
    assert ">>> x + 2\n42" in text and "ValueError: invalid literal" in text
    assert text.rstrip().splitlines()[-1] == "6 examples ran, all match the README"


def test_a_drifted_output_is_flagged_and_fails_the_walk_through(tmp_path):
    out = console()
    drifted = make(tmp_path, README.replace("42\n", "43\n", 1))
    assert drifted.main(["--no-prose"], console=out) == 1
    text = out.file.getvalue()
    line = README.splitlines().index(">>> x + 2") + 1
    assert f"README line {line} expected instead:\n43" in text
    assert (
        text.rstrip().splitlines()[-1] == f"6 examples ran, 1 differ from the README (lines {line})"
    )


def test_sections_can_be_chosen_and_prose_left_out(tmp_path):
    out = console()
    assert make(tmp_path).main(["2", "--no-prose"], console=out) == 0
    shown = out.file.getvalue().split("Examples run")[0]
    assert "2. Bare" in shown and "1. Fenced" not in shown and "Some prose" not in shown
    with pytest.raises(SystemExit):
        make(tmp_path).main(["7"], console=out)
    first = console()
    assert make(tmp_path).main(["1"], console=first) == 0  # nothing after section 1 runs
    assert first.file.getvalue().rstrip().endswith("2 examples ran, all match the README")


def test_the_step_after_the_lesson_runs_unless_lesson_only(tmp_path):
    calls = []
    chapter = make(tmp_path, after=lambda console, config: calls.append(config), after_help="x")
    chapter.main([], console=console())
    chapter.main(["--lesson-only"], console=console())
    assert len(calls) == 1 and isinstance(calls[0], Config)


def test_nothing_is_cut_at_a_narrow_width(tmp_path):
    out = console(width=40)
    make(tmp_path).main([], console=out)
    lines = out.file.getvalue().splitlines()
    assert "…" not in out.file.getvalue()
    long = (
        "'a-very-long-identifier-that-never-fits"
        + "a-very-long-identifier-that-never-fits" * 3
        + "'"
    )
    assert long in lines  # a long output is printed whole, on one line
    assert any("an_identifier_that_is_long" in line for line in lines)


def test_another_kind_of_block_comes_from_its_fence(tmp_path):
    class Shout(Kind):
        def run(self, example, namespace):
            return example.source.upper() + "\n"

        def matches(self, example, got):
            return got == example.source.upper() + "\n"

        def cells(self, examples):
            return [f"print({e.source!r}.upper())" for e in examples]

    text = README + "\n## 3. Shouting\n\n```shout\nhello\n```\n"
    chapter = make(tmp_path, kinds={"shout": Shout()})
    (tmp_path / "README.md").write_text(text, encoding="utf-8")
    [block] = [p for p in chapter.sections()[-1].parts if isinstance(p, Block)]
    assert block.kind == "shout" and block.examples[0].source == "hello"
    out = console()
    assert chapter.main(["3"], console=out) == 0
    assert "hello\nHELLO" in out.file.getvalue()
    assert "print('hello'.upper())" in chapter.to_notebook()


def test_the_notebook_has_the_lesson_in_order_and_runs_as_a_script(tmp_path):
    chapter = make(tmp_path)
    text = chapter.to_notebook()
    assert lesson.GENERATED in text and text.startswith("# ---\n# jupyter:")
    assert text.index("# ## 1. Fenced") < text.index("x = 40") < text.index("# ## 2. Bare")
    assert "# def f():" in text  # the listing is markdown
    assert "except Exception as error:  # the lesson expects an error here" in text
    script = tmp_path / "notebook_as_script.py"
    script.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "ValueError: invalid literal" in done.stdout


def test_a_section_that_starts_with_code_keeps_its_heading_first():
    sections = [Section(1, "Code first", [Block([Example("1 + 1", "2\n", 3)])])]
    text = lesson.notebook_text(sections, {"python": lesson.PythonKind()})
    assert text.index("# ## 1. Code first") < text.index("1 + 1")


def test_the_command_line_writes_and_checks_a_notebook(tmp_path):
    make(tmp_path)
    assert lesson.cli(["--check", str(tmp_path)]) == 1  # no notebook yet
    assert lesson.cli([str(tmp_path)]) == 0
    assert lesson.cli(["--check", str(tmp_path)]) == 0
    (tmp_path / "README.md").write_text(README.replace("x = 40", "x = 41"), encoding="utf-8")
    assert lesson.cli(["--check", str(tmp_path)]) == 1


def test_the_engine_imports_no_torch():
    code = "import sys, common.lesson; print('torch' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_a_transcript_reads_like_an_interactive_session():
    examples = [Example("x = 1", "", 1), Example("for i in []:\n    pass", "", 2), Example("x", "1\n", 4)]
    text = lesson.PythonKind().transcript(examples, ["", "", "1\n"])
    assert text == ">>> x = 1\n>>> for i in []:\n...     pass\n>>> x\n1"
