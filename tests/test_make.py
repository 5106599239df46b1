"""The Makefile's own behaviour: its help list, unknown chapters, and how it installs."""

from __future__ import annotations

import glob
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def make(*args: str) -> subprocess.CompletedProcess:
    """Run make in the repository root (silent, no directory lines), bounded in time."""
    return subprocess.run(
        ["make", "-s", "--no-print-directory", "-C", str(ROOT), *args],
        capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize("chapter", ["0", "12", "x"])
def test_an_unknown_chapter_prints_the_list_and_fails(chapter: str) -> None:
    done = make(f"chapter-{chapter}")
    assert done.returncode != 0, f"make chapter-{chapter} exited 0"
    assert "Chapters (run one with `make chapter-N`)" in done.stderr
    assert "Installing" not in done.stdout + done.stderr, "it must fail before any setup"


def help_targets() -> list[str]:
    done = make("help")
    assert done.returncode == 0, done.stderr
    return re.findall(r"^\s*make ([a-z][\w-]*)", done.stdout, re.MULTILINE)


def test_help_lists_every_public_target_of_the_makefile() -> None:
    listed = help_targets()
    for target in ["chapter-N", "test", "notebooks", "db", "db-down", "bench", "bench-sql",
                   "gpu-check", "lint", "ext", "lock", "clean"]:
        assert target in listed, f"make help leaves out {target}"


def test_the_readme_command_table_and_make_help_list_the_same_targets() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Commands", 1)[1].split("\n## ", 1)[0]
    in_readme = re.findall(r"^\| `make ([a-z][\w-]*)`", table, re.MULTILINE)
    assert sorted(in_readme) == sorted(help_targets())


def dry_run_install(venv: str) -> str:
    """The commands that (re)create the virtual environment in `venv`, printed, not run."""
    done = make("-n", "-B", f"VENV={venv}", f"{venv}/.installed")
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_setup_installs_the_locked_versions() -> None:
    assert "--constraint constraints.txt" in dry_run_install(".venv")


def test_the_first_install_shows_pip_progress_and_later_ones_are_quiet(tmp_path: Path) -> None:
    first = [line for line in dry_run_install(str(tmp_path / "venv")).splitlines() if "pip install" in line]
    assert first and "--quiet" not in first[0], first
    assert (ROOT / ".venv/.installed").exists(), "needs the set-up .venv"
    again = [line for line in dry_run_install(".venv").splitlines() if "pip install" in line]
    assert again and "--quiet" in again[0], again


def test_make_bench_runs_the_chapters_benchmarks_not_the_sql_one() -> None:
    """`make bench-sql` is the pandas-vs-MySQL benchmark; `make bench` is the CPU ones."""

    recipe = (ROOT / "Makefile").read_text().split("\nbench:", 1)[1].split("\n\n", 1)[0]
    pattern = re.search(r"for bench in (\S+); do", recipe).group(1)
    found = sorted(glob.glob(pattern, root_dir=ROOT))
    assert found and all(path.startswith("chapters/ch") for path in found), found
    assert "chapters/sqlkit/bench.py" not in found
