"""Installs are what CI tested: the lock file, the dependency floors, and no half-working wheel."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import tomllib
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
REFRESH = "run `make lock` after changing the dependencies"


def locked() -> dict[str, str]:
    """constraints.txt as {canonical name: version}."""
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def requirements() -> list[Requirement]:
    extras = [r for group in PROJECT["optional-dependencies"].values() for r in group]
    return [Requirement(r) for r in PROJECT["dependencies"] + extras]


def is_editable(dist: metadata.Distribution) -> bool:
    direct_url = dist.read_text("direct_url.json")
    return bool(direct_url) and json.loads(direct_url).get("dir_info", {}).get("editable", False)


def test_the_judge_and_make_watch_need_no_extra() -> None:
    names = {Requirement(r).name.lower() for r in PROJECT["dependencies"]}
    assert {"hypothesis", "watchdog"} <= names


def test_every_requirement_is_locked_at_a_version_it_allows() -> None:
    pins = locked()
    for requirement in requirements():
        version = pins.get(canonicalize_name(requirement.name))
        assert version, f"{requirement.name} is not in constraints.txt: {REFRESH}"
        assert requirement.specifier.contains(version, prereleases=True), (
            f"constraints.txt has {requirement.name}=={version}, outside {requirement}: {REFRESH}"
        )


def test_this_environment_has_the_locked_versions() -> None:
    """Every locked package is installed at its locked version (a package a learner added on
    top of the lock is theirs: it is not an error)."""

    def installed(name: str) -> str | None:
        # metadata.version finds the copy that `import` finds; distributions() would also list
        # copies vendored inside other packages (setuptools/_vendor holds its own packaging).
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    for name, version in locked().items():
        assert installed(name) == version, (
            f"{name} {installed(name)} is installed, constraints.txt has {version}: {REFRESH}"
        )


def test_every_locked_version_installs_on_the_oldest_python_we_allow() -> None:
    """Debian 12 has Python 3.11.2; soupsieve 3.x, for one, wants 3.11.5."""
    oldest = PROJECT["requires-python"].removeprefix(">=") + ".0"
    pins = locked()
    for dist in metadata.distributions():
        if canonicalize_name(dist.metadata["Name"]) not in pins:
            continue  # not part of what make setup installs
        needs = SpecifierSet(dist.metadata.get("Requires-Python") or "")
        assert needs.contains(oldest), (
            f"{dist.metadata['Name']} {dist.version} needs Python {needs}, but pyproject.toml allows "
            f"{oldest}: install an older one into .venv, then `make lock`"
        )


def test_constraints_hold_no_editable_project_or_local_build() -> None:
    pins = locked()
    assert "pytorch-pandas-tutorial" not in pins and "mylinearops" not in pins
    assert not any("+" in version for version in pins.values()), "local labels (+cpu) do not travel"


@pytest.mark.parametrize("beside", [False, True], ids=["alone", "beside-sql-and-data"])
def test_the_package_away_from_its_repository_fails_at_import(tmp_path: Path, beside: bool) -> None:
    """`pip install .` copies the Python files only; sql/, data/ and READMEs stay behind."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "chapters", site / "chapters", ignore=keep_only_python)
    if beside:
        (site / "sql").mkdir()
        (site / "data").mkdir()
    done = subprocess.run(  # -S: no site-packages, so the editable install cannot interfere
        [sys.executable, "-S", "-c", "import chapters"],
        cwd=tmp_path, env={"PYTHONPATH": str(site)}, capture_output=True, text=True, timeout=30,
    )
    if beside:
        assert done.returncode == 0, done.stderr
    else:
        assert done.returncode == 1
        last = done.stderr.strip().splitlines()[-1]
        assert last.startswith("ImportError:") and "clone" in last, last


def keep_only_python(folder: str, names: list[str]) -> list[str]:
    """shutil.copytree's ignore: what a wheel leaves out (all but .py files and folders)."""
    return [n for n in names if not n.endswith(".py") and not Path(folder, n).is_dir()]
