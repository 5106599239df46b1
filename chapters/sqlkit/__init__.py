"""The exercise registry shared by the SQL chapters (6-11): every exercise, both ways.

How a script uses it is shown, as running examples, in chapters/ch06_filtering/README.md
("The exercise registry"); how an exercise is laid out, in chapters/sqlkit/exercise.py.
"""

from chapters.sqlkit.exercise import Exercise, WrongAnswer, wrong
from chapters.sqlkit.registry import all_exercises, by_chapter, get

__all__ = ["Exercise", "WrongAnswer", "all_exercises", "by_chapter", "get", "wrong"]
