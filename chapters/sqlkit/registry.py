"""Every exercise of the SQL chapters, found by scanning each chapter's exercises/ folder.

A module chapters/<package>/exercises/<slug>.py that defines `EXERCISE = Exercise(...)` is an
exercise; nothing lists or counts them anywhere else.
"""

from __future__ import annotations

from pathlib import Path

from chapters import CATALOG, exercise_modules
from chapters.sqlkit.exercise import ROOT, Exercise


def discover(root: Path = ROOT) -> dict[str, Exercise]:
    """Every exercise under `root` (the repository, or a test's throwaway copy), by slug."""
    found: dict[str, Exercise] = {}
    sql_chapters = [chapter for chapter in CATALOG if "mysql" in chapter.needs]
    for chapter, name, module in exercise_modules(sql_chapters, root):
        declared = getattr(module, "EXERCISE", None)
        if not isinstance(declared, Exercise):
            raise TypeError(f"{module.__file__} defines no EXERCISE = Exercise(...)")
        exercise = declared.bind(name, chapter.number, root)
        if exercise.slug in found:
            raise ValueError(f"two exercises are called {exercise.slug!r}")
        found[exercise.slug] = exercise
    # Within a chapter, by problem number: the order needs no list of its own.
    return dict(sorted(found.items(), key=lambda item: (item[1].chapter, item[1].number)))


_REGISTRY: dict[str, Exercise] | None = None


def _registry() -> dict[str, Exercise]:
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = discover()
    return _REGISTRY


def all_exercises() -> list[Exercise]:
    """Every exercise, by chapter, then by problem number."""
    return list(_registry().values())


def by_chapter(chapter: int) -> list[Exercise]:
    """The exercises of one chapter."""
    return [exercise for exercise in all_exercises() if exercise.chapter == chapter]


def get(key: str | int) -> Exercise:
    """One exercise by slug or problem number, e.g. get("big_countries") or get(595)."""
    text = str(key).strip()
    for exercise in all_exercises():
        if text in (exercise.slug, str(exercise.number)):
            return exercise
    raise KeyError(f"no exercise {key!r}; known: {sorted(_registry())}")
