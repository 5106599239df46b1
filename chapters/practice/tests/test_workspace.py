"""The workspace keeps the learner's work and remembers progress and hints across restarts."""

import json

import pytest

from chapters.practice import catalog
from chapters.practice.__main__ import main
from chapters.practice.workspace import Workspace

EXERCISE = catalog.find("183")


def test_starting_twice_keeps_the_learners_files(tmp_path):
    workspace = Workspace(tmp_path)
    created = workspace.start(EXERCISE)
    assert sorted(p.name for p in created) == ["README.md", "solution.py", "solution.sql"]
    answer = workspace.folder(EXERCISE) / "solution.sql"
    answer.write_text("SELECT 'my work';\n")
    (workspace.folder(EXERCISE) / "solution.py").unlink()  # a deleted stub comes back
    again = workspace.start(EXERCISE)
    assert [p.name for p in again] == ["solution.py"]
    assert answer.read_text() == "SELECT 'my work';\n"


def test_progress_and_hints_survive_a_restart(tmp_path):
    Workspace(tmp_path).start(EXERCISE)
    Workspace(tmp_path).record(EXERCISE, "sql", solved=False)
    Workspace(tmp_path).record(EXERCISE, "python", solved=True)
    Workspace(tmp_path).record(EXERCISE, "python", solved=False)  # solved stays solved
    assert Workspace(tmp_path).next_hint(EXERCISE) == (1, EXERCISE.hints[0])
    fresh = Workspace(tmp_path)
    assert fresh.status(EXERCISE, "sql") == "attempted"
    assert fresh.status(EXERCISE, "python") == "solved"
    assert fresh.next_hint(EXERCISE) == (2, EXERCISE.hints[1])
    data = json.loads((tmp_path / "progress.json").read_text())
    assert data[EXERCISE.slug]["hints"] == 2


def test_hints_end_with_a_pointer_to_reveal(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PRACTICE_DIR", str(tmp_path))
    for _ in EXERCISE.hints:
        assert main(["hint", "183"]) == 0
    assert main(["hint", "183"]) == 0
    assert "make reveal EX=183" in capsys.readouterr().out


def test_a_damaged_progress_file_is_a_clear_error(tmp_path):
    (tmp_path / "progress.json").write_text("{not json")
    with pytest.raises(SystemExit, match="progress.json is damaged"):
        Workspace(tmp_path).progress()


def test_list_json_has_one_object_per_exercise(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PRACTICE_DIR", str(tmp_path))
    assert main(["list", "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["slug"] for r in records] == [e.slug for e in catalog.exercises()]
    assert {"slug", "number", "chapter", "languages", "status"} <= set(records[0])


def test_an_unknown_exercise_says_how_to_find_one():
    with pytest.raises(SystemExit, match="make practice"):
        catalog.find("99999")


def test_watch_checks_again_when_the_answer_is_saved(tmp_path):
    """`watch` judges once, then again after each save, until it is stopped."""
    import os
    import queue
    import subprocess
    import sys
    import threading

    env = {**os.environ, "PRACTICE_DIR": str(tmp_path), "COLUMNS": "200"}
    command = [sys.executable, "-m", "chapters.practice", "watch", "ch01_one_hot", "--examples", "5"]
    watcher = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in watcher.stdout], daemon=True).start()

    def wait_for(text: str, seconds: float = 60) -> None:
        while True:
            line = lines.get(timeout=seconds)  # queue.Empty fails the test instead of hanging
            if text in line:
                return

    try:
        wait_for("not started yet")
        wait_for("watching")
        with pytest.raises(queue.Empty):  # the judge reading the file is not a save
            print("checked again without a save:", lines.get(timeout=3))
        solution = tmp_path / "ch01_one_hot" / "solution.py"
        solution.write_text("import torch\n\ndef one_hot(y, num_classes):\n"
                            "    return (y[:, None] == torch.arange(num_classes)).float()\n")
        wait_for("✓ ch01_one_hot: solved")
    finally:
        watcher.terminate()
        watcher.wait(10)
