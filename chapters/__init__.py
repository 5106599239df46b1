"""The chapters, in order. `make chapter-N` looks chapter N up here (standard library only)."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).parent


def _check_in_a_clone() -> None:
    """Refuse to load far from the repository: the lessons read its sql/ and data/ folders."""
    if not all((HERE.parent / folder).is_dir() for folder in ("sql", "data")):
        raise ImportError(
            f"chapters is installed at {HERE} without the repository's sql/ and data/ folders "
            "(`pip install .` copies only the Python files). Work from a clone: "
            "`git clone` the tutorial, then run `make chapter-1` in it."
        )


_check_in_a_clone()


class Chapter(NamedTuple):
    """One catalog entry; `needs` says what its walk-through and tests need besides Python."""

    number: int
    package: str
    title: str
    needs: frozenset[str] = frozenset()  # "mysql": a MySQL-family server; "extension": mylinearops


MYSQL, EXTENSION = frozenset({"mysql"}), frozenset({"extension"})

# A chapter is "ready" once its package has a __main__.py.
CATALOG = [
    Chapter(1, "ch01_tensors", "Tensors"),
    Chapter(2, "ch02_modules", "nn.Module from the inside"),
    Chapter(3, "ch03_resnet", "ResNet from scratch"),
    Chapter(4, "ch04_autograd_function", "torch.autograd.Function and the linear layer"),
    Chapter(5, "ch05_cuda_extension", "A C++/CUDA extension: mylinearops", EXTENSION),
    Chapter(6, "ch06_filtering", "pandas and MySQL: filtering", MYSQL),
    Chapter(7, "ch07_strings", "pandas and MySQL: strings", MYSQL),
    Chapter(8, "ch08_data_manipulation", "pandas and MySQL: data manipulation", MYSQL),
    Chapter(9, "ch09_statistics", "pandas and MySQL: statistics", MYSQL),
    Chapter(10, "ch10_grouping", "pandas and MySQL: grouping", MYSQL),
    Chapter(11, "ch11_merging", "pandas and MySQL: merging", MYSQL),
]
NEEDS_MYSQL = {chapter.number for chapter in CATALOG if "mysql" in chapter.needs}


def is_ready(package: str) -> bool:
    """A chapter is ready when its walk-through exists."""
    return (HERE / package / "__main__.py").exists()


def exercise_modules(chapters: list[Chapter], root: Path = HERE.parent) -> list[tuple]:
    """(chapter, name, module) for each file <root>/chapters/<package>/exercises/<name>.py."""
    found = []
    for chapter in chapters:
        for path in sorted((root / "chapters" / chapter.package / "exercises").glob("[!_]*.py")):
            dotted = f"chapters.{chapter.package}.exercises.{path.stem}"
            if root == HERE.parent:
                module = importlib.import_module(dotted)
            else:  # a tree elsewhere (a test's throwaway chapter): load the file itself
                spec = importlib.util.spec_from_file_location(f"{dotted}@{root}", path)
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
            found.append((chapter, path.stem, module))
    return found


def package_for(number: int) -> str | None:
    """The package of chapter `number`, or None if there is no such chapter."""
    return next((c.package for c in CATALOG if c.number == number), None)


def table() -> str:
    """The chapter list with each chapter's status, as `make chapter-N` prints it."""
    lines = ["Chapters (run one with `make chapter-N`):"]
    for number, package, title, _needs in CATALOG:
        status = "ready" if is_ready(package) else "planned"
        lines.append(f"  {number:>2}  {title:<48} {status}")
    return "\n".join(lines)
