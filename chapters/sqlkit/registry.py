"""Every exercise of chapters 6-11, collected from each chapter's `exercises.py`."""

from __future__ import annotations

import importlib
import importlib.util

from chapters import CATALOG, NEEDS_MYSQL
from chapters.sqlkit.exercise import Exercise


def _load() -> dict[str, Exercise]:
    found: dict[str, Exercise] = {}
    for number, package, _title in CATALOG:
        name = f"chapters.{package}.exercises"
        if number not in NEEDS_MYSQL or importlib.util.find_spec(f"chapters.{package}") is None:
            continue
        if importlib.util.find_spec(name) is None:
            continue
        for exercise in importlib.import_module(name).EXERCISES:
            if exercise.slug in found:
                raise ValueError(f"two exercises are called {exercise.slug!r}")
            found[exercise.slug] = exercise
    return found


_REGISTRY: dict[str, Exercise] | None = None


def _registry() -> dict[str, Exercise]:
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = _load()
    return _REGISTRY


def all_exercises() -> list[Exercise]:
    """Every exercise, by chapter, in the order the chapters list them."""
    return list(_registry().values())


def by_chapter(chapter: int) -> list[Exercise]:
    """The exercises of one chapter."""
    return [exercise for exercise in all_exercises() if exercise.chapter == chapter]


def get(slug: str) -> Exercise:
    """One exercise by slug, e.g. get("big_countries")."""
    try:
        return _registry()[slug]
    except KeyError:
        raise KeyError(f"no exercise {slug!r}; known: {sorted(_registry())}") from None
