"""A command pays only for what it uses: the list reads the exercises' sources (no pandas, no
torch), an SQL or pandas check imports no torch, and the example's verdict is out before the
generated inputs run."""

import json
import os
import subprocess
import sys

import pytest

from chapters.practice import catalog
from chapters.practice.workspace import Workspace

HEAVY = ("torch", "torchvision", "pandas", "sqlalchemy", "pymysql", "hypothesis")


def imported_by(argv: list[str], env: dict | None = None) -> set[str]:
    """The heavy packages a practice command imports, run in a fresh interpreter."""
    code = (f"import sys\nfrom chapters.practice.__main__ import main\nmain({argv!r})\n"
            "print('IMPORTED', sorted({m.split('.')[0] for m in sys.modules}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, timeout=300).stdout
    line = next(line for line in out.splitlines() if line.startswith("IMPORTED"))
    return set(json.loads(line.split(" ", 1)[1].replace("'", '"'))) & set(HEAVY)


@pytest.mark.parametrize("entry", catalog.entries(), ids=lambda e: e.slug)
def test_each_entry_says_what_its_exercise_declares(entry):
    exercise = catalog.find(entry.slug)
    seen = (exercise.slug, exercise.number, exercise.chapter, exercise.title, tuple(exercise.languages))
    assert seen == (entry.slug, entry.number, entry.chapter, entry.title, entry.languages)


def test_the_list_imports_no_library(tmp_path):
    assert imported_by(["list"], {"PRACTICE_DIR": str(tmp_path)}) == set()


@pytest.mark.parametrize("command", ["start", "hint", "reveal"])
def test_an_sql_exercise_starts_shows_hints_and_answers_without_torch_or_the_driver(tmp_path, command):
    used = imported_by([command, "183"], {"PRACTICE_DIR": str(tmp_path)})
    assert not used & {"torch", "pymysql"}, used


def test_an_sql_check_imports_no_torch(tmp_path, mysql_available):
    exercise = catalog.find("183")
    Workspace(tmp_path).start(exercise)
    (tmp_path / exercise.slug / "solution.sql").write_text(exercise.exercise.solution_sql)
    used = imported_by(["check", "183", "--lang=sql", "--examples", "5"], {"PRACTICE_DIR": str(tmp_path)})
    assert "torch" not in used and "pymysql" in used, used


@pytest.mark.parametrize("language", ["python", "sql"])
def test_the_example_verdict_comes_before_the_generated_inputs(tmp_path, language, request):
    if language == "sql":
        request.getfixturevalue("mysql_available")
    exercise = catalog.find("183")
    Workspace(tmp_path).start(exercise)
    reference = {"python": f"from {exercise.exercise.solve.__module__} import "
                           f"{exercise.exercise.solve.__name__}\n",
                 "sql": exercise.exercise.solution_sql}[language]
    (tmp_path / exercise.slug / exercise.files()[language]).write_text(reference)
    calls, heard = [], []
    if language == "sql":
        from chapters.sqlkit.sandbox import Sandbox

        run = Sandbox.run_learner
        request.getfixturevalue("monkeypatch").setattr(
            Sandbox, "run_learner", lambda box, *a: calls.append(1) or run(box, *a))
    else:
        from chapters.practice.child import LearnerCode

        call = LearnerCode.call
        request.getfixturevalue("monkeypatch").setattr(
            LearnerCode, "call", lambda code, payload: calls.append(1) or call(code, payload))
    verdict = exercise.judge(language, tmp_path / exercise.slug, 5,
                             progress=lambda line: heard.append((str(line), len(calls))))
    assert verdict.solved, verdict.headline
    assert heard == [("  the example agrees; now 5 generated inputs ...", 1)], heard
