"""A PyTorch chapter's exercise in practice mode: one function (or class) in solution.py,
judged on generated inputs against the chapter's reference."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from rich.console import Group
from rich.pretty import Pretty
from rich.syntax import Syntax
from rich.text import Text

from chapters.practice.child import LearnerCode, Outcome
from chapters.practice.judge import Abort, smallest_failure
from chapters.practice.tensors import tensor_differences
from chapters.practice.verdict import Verdict, example_note, plural, trap_note
from chapters.practice.wrong_answers import WrongAnswer, wrong  # noqa: F401  (re-exported for modules)


def call(function: Callable, args: tuple) -> Any:
    """The default way to run an answer: function(*args)."""
    return function(*args)


@dataclass(frozen=True)
class TorchExercise:
    """One exercise of chapters 1-5; the module that declares it holds the reference too."""

    title: str
    statement: str  # in our own words: what to write, with its shapes
    stub: str  # the solution.py the learner starts from: the signature, no body
    name: str  # the function or class the learner's file must define
    reference: Callable  # the chapter's answer
    inputs: Callable[[], st.SearchStrategy[tuple]]  # argument tuples for the judge
    example: tuple  # the arguments shown in the README and judged first
    run: Callable[[Callable, tuple], Any] = call  # how an answer is called (in the child)
    differences: Callable[[Any, Any], list[str]] = tensor_differences
    hints: tuple[str, ...] = ()
    wrong: tuple[WrongAnswer, ...] = ()
    timeout_s: float = 30.0  # one call of the learner's code, at most
    perf: Any = None  # a speed_torch.TorchPerf: a speed report after a pass (`make check`)
    slug: str = ""  # set by bind(): ch01_one_hot
    chapter: int = 0
    number = None  # the SQL exercises have a problem number; these do not
    languages = ("python",)

    def bind(self, name: str, chapter: int) -> TorchExercise:
        return replace(self, slug=f"ch{chapter:02d}_{name}", chapter=chapter)

    def files(self) -> dict[str, str]:
        return {"python": "solution.py"}

    def wrong_answers(self, language: str | None = None) -> list[WrongAnswer]:
        return [w for w in self.wrong if language in (None, w.language)]

    def stubs(self) -> dict[str, str]:
        return {"solution.py": self.stub}

    def references(self) -> dict[str, str]:
        import inspect

        return {"solution.py": inspect.getsource(self.reference)}

    def readme(self) -> str:
        expected = self.run(self.reference, self.example)
        return "\n".join([
            f"# {self.title}", "", self.statement.strip(), "",
            "## Example", "", "```python", f"{self.name}(*{_short(self.example)})",
            f"# -> {_short(expected)}", "```", "",
            "## Commands", "",
            f"* `make check EX={self.slug}` judges `solution.py` here",
            f"* `make watch EX={self.slug}` re-checks on every save",
            f"* `make hint EX={self.slug}`, `make reveal EX={self.slug}`", "",
        ])

    # --- the judge ----------------------------------------------------------------------------
    def judge(self, language: str, folder: Path, examples: int = 100, progress=None) -> Verdict:
        """The verdict; `progress(line)`, if given, hears of the example first."""
        path = folder / "solution.py"
        with LearnerCode(path, self.name, self.run, self.timeout_s) as code:
            return self._judge(code, path, examples, progress).with_output(code.printed())

    def _judge(self, code: LearnerCode, path: Path, examples: int, progress) -> Verdict:
        started = code.start()
        if not started.ok:
            return self._fail(f"{path.name} does not load", [_traceback(started)], stage="error")
        got = code.call(self.example)
        if got.not_started:
            return Verdict(False, f"{self.slug}: not started yet: write your answer in {path}",
                           stage="not started")
        if got.timed_out:
            return self._fail("ran over its time limit on the example", [_traceback(got)], "error")
        expected = self.run(self.reference, self.example)
        problems = [got.error] if not got.ok else self.differences(got.value, expected)
        if problems:
            details = [Text("On the example:", style="bold"), _problems(problems, got)]
            return self._fail("wrong answer on the example", details, "example",
                              self._traps(self.example, got))
        if progress is not None:
            progress(example_note([], examples))
        tried = [0]
        try:
            failure = smallest_failure(
                self.inputs(), code.call, lambda args: self.run(self.reference, args),
                self.differences, examples, tried)
        except Abort as stop:
            return self._fail("ran over its time limit", [Text(str(stop.outcome.error)),
                              Text("on the input:"), Pretty(stop.example)], "error")
        if failure is None:
            return Verdict(True, f"{self.slug}: solved: the example and {tried[0]} generated "
                           f"{plural(tried[0], 'input')} agree with the reference", stage="solved")
        details = [Text("The smallest input on which your answer differs:", style="bold"),
                   Pretty(failure.example, max_length=12), _problems(failure.problems, failure.actual)]
        return self._fail("wrong answer on a generated input", details, "generated",
                          self._traps(failure.example, failure.actual))

    def _traps(self, args: tuple, got: Outcome) -> list[WrongAnswer]:
        if not got.ok:
            return []
        found = []
        for answer in self.wrong:
            try:
                output = self.run(answer.solve, args)
            except Exception:  # a wrong answer may fail on inputs where the learner's does not
                continue
            if not self.differences(got.value, output):
                found.append(answer)
        return found

    def _fail(self, what: str, details: list, stage: str, traps: list | None = None) -> Verdict:
        traps = traps or []
        details = details + [trap_note(answer, self.chapter) for answer in traps]
        return Verdict(False, f"{self.slug}: {what}", details, traps, stage)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) < 400 else text[:400] + " ..."


def _traceback(outcome: Outcome) -> Syntax:
    return Syntax(outcome.error or "", "pytb", theme="ansi_dark")


def _problems(problems: list[str], got: Outcome) -> Group:
    if not got.ok:
        return Group(Text("your code raised:", style="bold"), _traceback(got))
    return Group(*(Text(f"  {line}") for line in problems[:12]))
