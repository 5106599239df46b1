"""Keep each text notebook (notebook.py, committed) and its notebook.ipynb (made here) in step.

`python scripts/sync_notebooks.py chapters/*/notebook.py`, as `make notebooks` runs it:

* no .ipynb yet: make it from the text;
* both files hold the same cells: touch nothing (committed files stay byte for byte);
* they differ: the file saved last wins. An .ipynb edit is written to the text; a text edit
  (a `git pull`, an editor) replaces the .ipynb's cells and keeps the outputs of unchanged ones.

JupyterLab itself saves both files of the pair (jupytext.toml at the root); this covers edits
made while it did not, and `jupytext --sync` is not used because it rewrites untouched text files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
from jupytext.combine import combine_inputs_with_outputs

TEXT_FORMAT = "py:percent"


def cells(notebook) -> list[tuple[str, str]]:
    """What a learner edits: each cell's type and source."""
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def unpaired(notebook):
    """Drop a pairing the text may declare itself, so that jupytext.toml's pairing applies."""
    notebook.metadata.get("jupytext", {}).pop("formats", None)
    return notebook


def sync(text: Path) -> str:
    """Bring text and text.with_suffix('.ipynb') in step; say what was done."""
    ipynb = text.with_suffix(".ipynb")
    from_text = jupytext.read(text, fmt=TEXT_FORMAT)
    if not ipynb.exists():
        jupytext.write(unpaired(from_text), ipynb)
        return f"made {ipynb}"
    from_ipynb = jupytext.read(ipynb)
    if cells(from_text) == cells(from_ipynb):
        return f"unchanged {text}"
    if ipynb.stat().st_mtime > text.stat().st_mtime:
        jupytext.write(from_ipynb, text, fmt=TEXT_FORMAT)
        return f"{text} <- {ipynb} (saved later)"
    jupytext.write(unpaired(combine_inputs_with_outputs(from_text, from_ipynb)), ipynb)
    return f"{ipynb} <- {text} (saved later)"


def main(paths: list[str]) -> int:
    for path in paths:
        print(f"[notebooks] {sync(Path(path))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
