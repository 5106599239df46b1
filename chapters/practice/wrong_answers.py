"""A known wrong answer: the trap it falls into and the lesson section that explains it.

Both sides use it (the SQL registry and the PyTorch exercises), so it imports neither pandas
nor torch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WrongAnswer:
    """A wrong answer the judge must reject, naming its trap."""

    name: str
    trap: str  # a short name for the mistake, e.g. "NOT IN with a NULL"
    section: str  # the heading of the chapter README's section that explains it
    language: str  # "python" or "sql"
    solve: Callable[..., Any] | None = None  # the Python version
    sql: str | None = None  # the SQL version, a script like solution.sql
    # The mistake keeps one of several tied rows, and which one is up to the engine (the
    # server's plan, a sort that is not stable): any such pick by the learner is this trap.
    picks_among_ties: bool = False


def wrong(trap: str, section: str, picks_among_ties: bool = False) -> Callable[[Callable], WrongAnswer]:
    """Decorate a Python function as a known wrong answer."""

    def wrap(function: Callable) -> WrongAnswer:
        return WrongAnswer(function.__name__, trap, section, "python", solve=function,
                           picks_among_ties=picks_among_ties)

    return wrap
