"""Every practice exercise: a module chapters/<package>/exercises/<name>.py that declares
`EXERCISE = Exercise(...)` in an SQL chapter (a pandas and an SQL half), or a TorchExercise
(or a kind made from it, such as CppExercise) in a PyTorch chapter.

Listing reads each declaration from its source, without running the module: `make practice`
imports neither pandas nor torch. A command that works on one exercise imports that one alone.
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from chapters import CATALOG, HERE

SQL_HALVES = ("python", "sql")  # an SQL chapter's exercise: a pandas half and an SQL half


@dataclass(frozen=True)
class Entry:
    """What the list shows of an exercise, read from its module's source."""

    slug: str
    number: int | None  # the SQL exercises follow a LeetCode problem; the others have none
    chapter: int
    title: str
    languages: tuple[str, ...]
    module: str  # chapters.<package>.exercises.<name>
    name: str

    def load(self):
        """The exercise itself, ready to judge (imports its module and what that needs)."""
        declared = importlib.import_module(self.module).EXERCISE
        if self.languages == SQL_HALVES:
            from chapters.practice.sql_exercise import SqlPractice

            return SqlPractice(declared.bind(self.name, self.chapter))
        return declared.bind(self.name, self.chapter)


def _declaration(path: Path) -> tuple[str, dict]:
    """The kind and the literal keywords of `EXERCISE = Kind(...)` in a module's source."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if (isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["EXERCISE"]
                and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)):
            keywords = {}
            for keyword in node.value.keywords:
                try:
                    keywords[keyword.arg] = ast.literal_eval(keyword.value)
                except ValueError:  # not a literal: a function, a name
                    pass
            return node.value.func.id, keywords
    raise TypeError(f"{path} defines no EXERCISE = <an exercise kind>(...)")


def _entry(chapter, path: Path) -> Entry:
    kind, keywords = _declaration(path)
    if "title" not in keywords:
        raise TypeError(f"{path}: EXERCISE needs a literal title=")
    sql = "mysql" in chapter.needs
    return Entry(
        slug=path.stem if sql else f"ch{chapter.number:02d}_{path.stem}",
        number=keywords["number"] if sql else None,
        chapter=chapter.number,
        title=keywords["title"],
        # What the kinds declare as `languages`; a test checks each entry against its exercise.
        languages=SQL_HALVES if sql else ("cpp",) if kind == "CppExercise" else ("python",),
        module=f"chapters.{chapter.package}.exercises.{path.stem}",
        name=path.stem,
    )


@cache
def entries() -> list[Entry]:
    """Every exercise, by chapter; SQL ones by problem number, the others by name."""
    found = [_entry(chapter, path) for chapter in CATALOG
             for path in sorted((HERE / chapter.package / "exercises").glob("[!_]*.py"))]
    return sorted(found, key=lambda e: (e.chapter, e.number or 0, e.name))


@cache
def _loaded(slug: str):
    return next(e for e in entries() if e.slug == slug).load()


def exercises() -> list:
    """Every exercise, loaded (imports all of them: for the tests)."""
    return [_loaded(e.slug) for e in entries()]


def entry(key: str) -> Entry:
    """One exercise's entry by slug or problem number; a clear error naming a few if none."""
    text = str(key).strip()
    for found in entries():
        if text in (found.slug, str(found.number)):
            return found
    known = ", ".join(e.slug for e in entries()[:5])
    raise SystemExit(f"No exercise {key!r}. Try a number such as 183 or a slug such as {known}; "
                     "`make practice` lists them all.")


def find(key: str):
    """One exercise by slug or problem number, loaded (its module alone is imported)."""
    return _loaded(entry(key).slug)
