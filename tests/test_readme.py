"""The top-level README stays true: its chapter table and its make commands."""

from __future__ import annotations

import re
from pathlib import Path

from chapters import CATALOG, is_ready

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def test_chapter_table_lists_every_chapter_with_its_status() -> None:
    for number, package, _title, _needs in CATALOG:
        row = re.search(rf"^\|\s*{number}\s*\|.*$", README, re.MULTILINE)
        assert row, f"README has no table row for chapter {number}"
        status = "ready" if is_ready(package) else "planned"
        assert status in row.group(0), f"chapter {number} is {status}; README says {row.group(0)}"


def test_every_make_command_in_the_readme_exists() -> None:
    targets = set(re.findall(r"^([a-z][\w-]*)(?:-%)?:", MAKEFILE, re.MULTILINE))
    targets |= {"chapter"}  # the chapter-% pattern rule
    for command in re.findall(r"`make ([a-z][\w-]*)", README):
        name = re.sub(r"-(\d+|N)$", "", command)
        assert name in targets, f"README mentions `make {command}`, which the Makefile lacks"


def test_every_python_command_in_a_readme_uses_the_venv_and_names_a_real_module() -> None:
    """A newcomer pastes these from the root: a bare `python` has no torch until .venv is active."""
    import importlib.util

    readmes = [ROOT / "README.md", *sorted((ROOT / "chapters").glob("*/README.md"))]
    found = 0
    for path in readmes:
        for line in path.read_text(encoding="utf-8").splitlines():
            for match in re.finditer(r"(\S*)python3? -m ([\w.]+)", line):
                found += 1
                assert match.group(1).endswith(".venv/bin/"), f"{path.name}: {line.strip()}"
                assert importlib.util.find_spec(match.group(2)), f"{path.name}: no module {match.group(2)}"
    assert found > 10
