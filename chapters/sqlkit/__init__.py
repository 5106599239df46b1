"""The exercise registry shared by the SQL chapters (6-11): every exercise, both ways.

>>> from chapters import sqlkit
>>> ex = sqlkit.get("big_countries")            # doctest: +SKIP
>>> ex.tables, ex.ordered                         # doctest: +SKIP
"""

from chapters.sqlkit.exercise import Exercise
from chapters.sqlkit.registry import all_exercises, by_chapter, get

__all__ = ["Exercise", "all_exercises", "by_chapter", "get"]
