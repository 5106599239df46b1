"""The read-along notebooks: each runs top to bottom, and `make notebooks` keeps edits made in
either file of the pair (notebook.py, the committed text, and notebook.ipynb, made from it)."""

from __future__ import annotations

import importlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from chapters import CATALOG, NEEDS_MYSQL
from common.lesson import Lesson, is_generated, lesson_for

ROOT = Path(__file__).resolve().parents[1]
NUMBER = {chapter.package: chapter.number for chapter in CATALOG}
NOTEBOOKS = sorted((ROOT / "chapters").glob("*/notebook.py"))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name)
def test_notebook_runs(path: Path, request: pytest.FixtureRequest) -> None:
    if NUMBER.get(path.parent.name, 0) in NEEDS_MYSQL:
        request.getfixturevalue("mysql_available")
    notebook = jupytext.read(path)
    assert not any(cell.get("outputs") for cell in notebook.cells), "commit notebooks without outputs"
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()  # raises CellExecutionError naming the failing cell


# ---- each notebook is generated from its lesson (common/lesson.py) --------------------------------


def walk_through_lesson(package: str) -> Lesson | None:
    """The Lesson a chapter's walk-through runs on (its __main__.py's LESSON), or None."""
    module = importlib.import_module(f"chapters.{package}.__main__")
    found = getattr(module, "LESSON", None)
    return found if isinstance(found, Lesson) else None


# Every catalog chapter whose walk-through runs on the engine, and every generated notebook.
LESSONS = [c for c in CATALOG if walk_through_lesson(c.package) is not None]
GENERATED = [c for c in CATALOG if is_generated(ROOT / "chapters" / c.package / "notebook.py")]


def test_the_chapters_on_the_lesson_engine_are_those_with_generated_notebooks() -> None:
    assert [c.package for c in LESSONS] == [c.package for c in GENERATED]


@pytest.mark.parametrize("chapter", LESSONS, ids=lambda c: c.package)
def test_notebook_matches_its_lesson(chapter) -> None:
    lesson = lesson_for(ROOT / "chapters" / chapter.package)
    committed = lesson.notebook.read_text(encoding="utf-8")
    assert committed == lesson.to_notebook(), (
        f"{lesson.notebook} no longer matches its README: run "
        f"`.venv/bin/python -m common.lesson chapters/{chapter.package}`"
    )


def test_the_command_line_finds_the_same_lessons() -> None:
    """`python -m common.lesson --check` must use each chapter's own LESSON (its kinds too)."""
    folders = [f"chapters/{chapter.package}" for chapter in LESSONS]
    done = subprocess.run(
        [sys.executable, "-m", "common.lesson", "--check", *folders],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# ---- make notebooks: the text and the .ipynb are a pair, edits in either survive ----------------


def make(*args: str) -> list[str]:
    """A make command line in the repository root (silent, no directory lines)."""
    return ["make", "-s", "--no-print-directory", "-C", str(ROOT), *args]


def sync(*paths: Path) -> None:
    """What `make notebooks` does to the notebooks before it starts JupyterLab."""
    done = subprocess.run(
        make("sync-notebooks", "NOTEBOOKS=" + " ".join(map(str, paths))),
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def later(path: Path, seconds: float = 10) -> None:
    """Mark a file as saved `seconds` after now, as if edited after the last sync."""
    when = time.time() + seconds
    os.utime(path, (when, when))


def copy_with_config(tmp_path: Path, notebooks: list[Path]) -> list[Path]:
    """Each notebook.py in its own chapter folder under tmp_path, beside a copy of jupytext.toml."""
    shutil.copy(ROOT / "jupytext.toml", tmp_path)
    copies = []
    for path in notebooks:
        (tmp_path / path.parent.name).mkdir()
        copies.append(Path(shutil.copy(path, tmp_path / path.parent.name / path.name)))
    return copies


def test_syncing_untouched_notebooks_changes_no_committed_file(tmp_path: Path) -> None:
    copies = copy_with_config(tmp_path, NOTEBOOKS)
    sync(*copies)
    sync(*copies)
    for original, copy in zip(NOTEBOOKS, copies, strict=True):
        assert copy.with_suffix(".ipynb").exists(), f"no .ipynb made for {original}"
        assert copy.read_bytes() == original.read_bytes(), f"sync rewrote {original.parent.name}'s notebook.py"


def test_an_edit_made_in_the_ipynb_reaches_the_text_and_survives_two_syncs(tmp_path: Path) -> None:
    [text] = copy_with_config(tmp_path, [ROOT / "chapters/ch04_autograd_function/notebook.py"])
    sync(text)
    ipynb = text.with_suffix(".ipynb")
    notebook = nbformat.read(ipynb, as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == "code")
    cell.source += "\nedited_in_jupyterlab = 42"
    nbformat.write(notebook, ipynb)
    later(ipynb)
    sync(text)
    sync(text)
    assert "edited_in_jupyterlab = 42" in ipynb.read_text()
    assert "edited_in_jupyterlab = 42" in text.read_text()


def test_an_edit_made_in_the_text_reaches_the_ipynb_and_keeps_its_outputs(tmp_path: Path) -> None:
    [text] = copy_with_config(tmp_path, [ROOT / "chapters/ch04_autograd_function/notebook.py"])
    sync(text)
    ipynb = text.with_suffix(".ipynb")
    notebook = nbformat.read(ipynb, as_version=4)
    first = next(c for c in notebook.cells if c.cell_type == "code")
    first.outputs = [nbformat.v4.new_output("stream", name="stdout", text="kept\n")]
    nbformat.write(notebook, ipynb)
    text.write_text(text.read_text() + "\n# %%\nedited_in_an_editor = 7\n")
    later(text)
    sync(text)
    sync(text)
    notebook = nbformat.read(ipynb, as_version=4)
    assert "edited_in_an_editor = 7" in notebook.cells[-1].source
    assert next(c for c in notebook.cells if c.cell_type == "code").outputs[0].text == "kept\n"
    assert "edited_in_an_editor = 7" in text.read_text()


# ---- make notebooks starts JupyterLab, as root too -------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, token: str, method: str = "GET", body: dict | None = None):
    request = urllib.request.Request(url, method=method, headers={"Authorization": f"token {token}"})
    if body is not None:
        request.data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read()


def users() -> list[str]:
    """Root when the tests run as root (as in CI), and `nobody` too when we can switch to it."""
    if os.geteuid() != 0:
        return ["me"]
    return ["root", "nobody"] if shutil.which("runuser") else ["root"]


@pytest.fixture
def workdir():
    """A folder that another user can reach too (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="lab-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def as_user(user: str, workdir: Path) -> list[str]:
    """The command prefix that runs as `user`, with HOME in workdir (runuser sets nobody's own)."""
    if user in ("me", "root"):
        return []
    python = (ROOT / ".venv/bin/python").resolve()
    probe = ["runuser", "-u", user, "--", str(python), "-c", ""]
    if subprocess.run(probe, capture_output=True, timeout=30).returncode:
        pytest.skip(f"{user} cannot run {python} (a folder above it is private)")
    for path in [workdir, *workdir.rglob("*")]:
        shutil.chown(path, user)
    return ["runuser", "-u", user, "--", "env", f"HOME={workdir / 'home'}"]


def wait_until_it_answers(lab: subprocess.Popen, base: str, token: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert lab.poll() is None, f"JupyterLab exited {lab.returncode}:\n{log.read_text()}"
        assert time.monotonic() < deadline, f"JupyterLab did not answer in 60 s:\n{log.read_text()}"
        try:
            get(f"{base}/api/status", token)
            return
        except OSError:
            time.sleep(0.3)


@pytest.mark.parametrize("user", users())
def test_jupyterlab_starts_serves_lab_and_saves_the_pair(workdir: Path, user: str) -> None:
    """Started as `make notebooks` starts it, but headless, on a free port, with a token."""
    (workdir / "root").mkdir()
    (workdir / "home").mkdir()
    [text] = copy_with_config(workdir / "root", [ROOT / "chapters/ch05_cuda_extension/notebook.py"])
    sync(text)
    prefix = as_user(user, workdir)
    port, token = free_port(), secrets.token_hex(16)
    flags = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
             f"--ServerApp.port_retries=0 --IdentityProvider.token={token}")
    command = make("jupyter-lab", f"NOTEBOOK_DIR={workdir / 'root'}", f"LAB_FLAGS={flags}")
    log = workdir / "lab.log"
    with log.open("w") as out:
        lab = subprocess.Popen(
            [*prefix, *command], env={"PATH": os.environ["PATH"], "HOME": str(workdir / "home")},
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_it_answers(lab, base, token, log)
        status, page = get(f"{base}/lab", token)
        assert status == 200 and b"JupyterLab" in page
        listing = json.loads(get(f"{base}/api/contents/ch05_cuda_extension", token)[1])
        assert {"notebook.py", "notebook.ipynb"} <= {entry["name"] for entry in listing["content"]}
        # A save from JupyterLab writes both files of the pair (jupytext.toml).
        path = f"{base}/api/contents/ch05_cuda_extension/notebook.ipynb"
        notebook = json.loads(get(path, token)[1])["content"]
        notebook["cells"].append(nbformat.v4.new_code_cell("saved_in_jupyterlab = 1"))
        get(path, token, "PUT", {"type": "notebook", "content": notebook})
        assert "saved_in_jupyterlab = 1" in text.read_text()
        get(f"{base}/api/shutdown", token, "POST")
        lab.wait(timeout=20)
    finally:
        if lab.poll() is None:  # make and JupyterLab, the session this test started
            os.killpg(lab.pid, signal.SIGKILL)
            lab.wait(timeout=10)
