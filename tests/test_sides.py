"""The two halves stay apart: the PyTorch chapters never load SQLAlchemy, the SQL chapters never
load torch, and `common` loads neither (each module imported in a fresh interpreter)."""

import subprocess
import sys
from pathlib import Path

import pytest

from chapters import CATALOG

ROOT = Path(__file__).resolve().parents[1]
SQL_SIDE = {"sqlalchemy", "pymysql"}
TORCH_SIDE = {"torch"}
NOT_IMPORTED = {"__main__.py", "notebook.py"}  # the walk-through and the notebook run, not define


def modules_of(package_dir: Path) -> list[str]:
    """Every importable module of a chapter: its topic modules and its exercises."""
    files = sorted(package_dir.glob("*.py")) + sorted(package_dir.glob("exercises/*.py"))
    return [
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in files
        if path.name not in NOT_IMPORTED
    ]


def loaded_after_importing(modules: list[str], watched: set[str]) -> set[str]:
    """Which of the watched top-level packages a fresh interpreter holds after the imports."""
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(set({sorted(watched)!r}) & {{m.split('.')[0] for m in sys.modules}}))"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return set(eval(run.stdout))  # a printed list of names


@pytest.mark.parametrize("chapter", CATALOG, ids=lambda chapter: chapter.package)
def test_a_chapter_loads_only_its_own_side(chapter):
    other_side = TORCH_SIDE if "mysql" in chapter.needs else SQL_SIDE
    modules = modules_of(ROOT / "chapters" / chapter.package)
    assert loaded_after_importing(modules, other_side) == set()


def test_common_loads_neither_side():
    modules = modules_of(ROOT / "common")
    assert modules, "common/ has no modules?"
    assert loaded_after_importing(modules, SQL_SIDE | TORCH_SIDE) == set()


def test_the_watch_can_fail():
    assert loaded_after_importing(["chapters.sqlkit.db"], SQL_SIDE) == {"sqlalchemy"}
