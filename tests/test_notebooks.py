"""Every chapter's read-along notebook (jupytext text) must run top to bottom without an error."""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

from chapters import CATALOG, NEEDS_MYSQL

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
