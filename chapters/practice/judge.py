"""The judge's search, the same for every exercise: generated inputs through the learner's
answer and the reference; the smallest input on which they differ; the trap it matches."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky

from chapters.practice.child import Outcome

SHRINK_BUDGET_S = 10.0  # once an input fails, how long to look for a smaller one


class _SmallEnough(BaseException):
    """Stop shrinking: the shrink budget is spent (each candidate tried was smaller)."""


class Abort(BaseException):
    """Stop the search at once (a time-out, a crash): no input is to blame, so do not shrink.

    A BaseException, so that Hypothesis lets it through instead of shrinking it.
    """

    def __init__(self, outcome: Outcome, example: Any):
        super().__init__(outcome.error)
        self.outcome, self.example = outcome, example


@dataclass
class Failure:
    """An input on which the learner's answer differs from the reference."""

    example: Any
    expected: Any
    actual: Outcome
    problems: list[str] = field(default_factory=list)  # what differs, as readable lines
    at: float = 0.0  # when it was found (time.monotonic)


def smallest_failure(
    strategy: st.SearchStrategy,
    answer: Callable[[Any], Outcome],
    reference: Callable[[Any], Any],
    differences: Callable[[Any, Any], list[str]],
    examples: int,
    tried: list[int] | None = None,
) -> Failure | None:
    """Up to `examples` generated inputs; None if all agree, else the smallest failing one.

    Deterministic (the same inputs each run), and silent: the caller shows the result.
    `tried`, if given, receives the number of inputs run (fewer than `examples` when the
    strategy has no more distinct inputs to give).
    """
    found: list[Failure] = []
    tried = [0] if tried is None else tried
    tried[:] = [0]

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        verbosity=Verbosity.quiet,
        report_multiple_bugs=False,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(example=strategy)
    def probe(example):
        if found and time.monotonic() - found[0].at > SHRINK_BUDGET_S:
            raise _SmallEnough
        tried[0] += 1
        got = answer(example)
        if got.timed_out:
            raise Abort(got, example)
        want = reference(example)
        problems = [got.error] if not got.ok else differences(got.value, want)
        if problems:
            found.append(Failure(example, want, got, problems, at=time.monotonic()))
            raise AssertionError(problems[0])

    try:
        probe()
    except (AssertionError, _SmallEnough):
        # Hypothesis runs the smallest failing input last, to report it: that is found[-1].
        # Stopped early, the last one found is the smallest so far: the shrinker only tries
        # inputs smaller than the best failing one.
        return found[-1]
    except Flaky:  # an answer that changes from run to run on the same input
        return found[-1] if found else None
    return None


def matching_traps(actual: Any, wrong_outputs: list[tuple[Any, Any]], same: Callable) -> list:
    """The known wrong answers whose output on the failing input equals the learner's."""
    return [answer for answer, output in wrong_outputs if output is not None and same(actual, output)]
