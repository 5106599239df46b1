"""Every practice exercise: the SQL chapters' registry and the PyTorch chapters' exercises."""

from __future__ import annotations

from functools import cache

from chapters import CATALOG, exercise_modules


@cache
def exercises() -> list:
    """All of them, by chapter; SQL ones by problem number, PyTorch ones by name."""
    from chapters.practice.sql_exercise import SqlPractice
    from chapters.sqlkit import all_exercises

    found = [SqlPractice(exercise) for exercise in all_exercises()]
    torch_chapters = [chapter for chapter in CATALOG if "mysql" not in chapter.needs]
    for chapter, name, module in exercise_modules(torch_chapters):
        found.append(module.EXERCISE.bind(name, chapter.number))
    return sorted(found, key=lambda exercise: exercise.chapter)


def find(key: str) -> object:
    """One exercise by slug or problem number; a clear error naming a few if none."""
    text = str(key).strip()
    for exercise in exercises():
        if text in (exercise.slug, str(exercise.number)):
            return exercise
    known = ", ".join(e.slug for e in exercises()[:5])
    raise SystemExit(f"No exercise {key!r}. Try a number such as 183 or a slug such as {known}; "
                     "`make practice` lists them all.")
