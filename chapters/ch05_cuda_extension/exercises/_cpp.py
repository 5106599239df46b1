"""An exercise answered in C++: the learner's .cpp is compiled with torch.utils.cpp_extension in
the judge's child process, called from Python like a PyTorch exercise's answer, and timed."""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
from rich.console import Group
from rich.pretty import Pretty
from rich.table import Table
from rich.text import Text

from chapters.practice.child import LearnerCode, Outcome
from chapters.practice.judge import Abort, smallest_failure
from chapters.practice.torch_exercise import TorchExercise
from chapters.practice.verdict import Verdict, example_note, plural

MAX_LINES = 60  # of compiler output shown; the first error is the one to fix


class CompileError(Exception):
    """The build failed; the message is what the compiler (or the linker) printed."""


@dataclass(frozen=True)
class CppBuild:
    """The judge's loader: compile the learner's file into a module, return its function.

    One translation unit: the learner's file under a `#line` directive (so the compiler names
    the learner's own file and lines), then the bindings the judge adds. It is built in
    .build/<hash of that text>/ beside the file, so an unchanged file is not rebuilt.
    """

    declaration: str  # what the learner defines, e.g. "torch::Tensor f(const torch::Tensor& x)"
    cflags: tuple[str, ...] = ("-O2",)
    keep: int = 8  # build folders kept beside the learner's file, the most recently used

    def unit(self, path: Path, name: str) -> str:
        """The text that is compiled: the learner's file, then the bindings."""
        pointer = self.declaration.replace(f"{name}(", "(*)(", 1)  # the function's pointer type
        quoted = str(path).replace("\\", "\\\\").replace('"', '\\"')
        return "\n".join([
            f'#line 1 "{quoted}"',
            path.read_text(encoding="utf-8").rstrip("\n"),
            '#line 1 "the bindings the judge adds"',
            "#include <torch/extension.h>",  # pybind11 and torch's casters; a no-op if included
            f"{self.declaration};",
            "PYBIND11_MODULE(TORCH_EXTENSION_NAME, m) {",
            f'  m.def("{name}", static_cast<{pointer}>(&::{name}));',
            "}",
            "",
        ])

    def __call__(self, path: Path, name: str) -> Callable:
        unit = self.unit(path, name)
        key = "\n".join([unit, torch.__version__, *self.cflags])
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        root = path.parent / ".build"
        folder = root / digest
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)  # most recently used: kept by _prune
        with open(folder / "judge.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # the kernel releases it if this process is killed
            failed = folder / "compiler-output.txt"
            if failed.exists():  # this very text failed before: the same messages, at once
                raise CompileError(failed.read_text(encoding="utf-8"))
            source = folder / path.name
            if not source.exists():
                source.with_suffix(".tmp").write_text(unit, encoding="utf-8")
                source.with_suffix(".tmp").replace(source)
            # torch's own lock file: older versions wait while it exists, and a killed build
            # leaves it behind; we hold our lock, so nobody else is building in this folder
            (folder / "lock").unlink(missing_ok=True)
            module = self._load(path, source, folder, f"practice_{_identifier(path)}_{digest}")
        _prune(root, self.keep)
        return getattr(module, name)

    def _load(self, path: Path, source: Path, folder: Path, module_name: str):
        logging.getLogger("torch.utils.cpp_extension").setLevel(logging.ERROR)  # "no CUDA runtime"
        from torch.utils.cpp_extension import load

        try:
            return load(module_name, sources=[str(source)], build_directory=str(folder),
                        extra_cflags=list(self.cflags), extra_include_paths=[str(path.parent)],
                        with_cuda=False, verbose=False)
        except RuntimeError as error:
            text = compiler_output(str(error), path.name)
            if path.name in text:  # the learner's mistake, not the machine's: remember it
                (folder / "compiler-output.txt").write_text(text, encoding="utf-8")
            raise CompileError(text) from None
        except ImportError as error:  # it links, but a symbol is missing: usually the signature
            raise CompileError(
                f"{path.name} compiles, but Python cannot load it: {error}\n"
                f"The judge calls `{self.declaration}`: define exactly that function, with "
                "these parameter types, outside any namespace.") from None


def compiler_output(message: str, filename: str) -> str:
    """torch's build error without ninja's progress lines and the compiler's command lines."""
    text = re.sub(r"^Error building extension '[^']*':? ?", "", message)
    lines = [line for line in text.splitlines() if not _is_noise(line)]
    lines = [line for line in lines if not re.match(r"In file included from |\s+from \S+[,:]$", line)]
    if "PyInit_" in text and ("redefinition" in text or "multiple definition" in text):
        lines.append(f"{filename} must not define PYBIND11_MODULE: the judge adds the bindings.")
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES] + [f"... ({len(lines) - MAX_LINES} more lines)"]
    return "\n".join(lines).strip() or text.strip()


def _is_noise(line: str) -> bool:
    if re.match(r"\[\d+/\d+\] |FAILED: |ninja: ", line):
        return True
    program = line.split(" ", 1)[0]
    return " -o " in line and re.search(r"(c\+\+|g\+\+|clang\+\+|cc|gcc|clang)$", program) is not None


def _identifier(path: Path) -> str:
    return re.sub(r"\W", "_", path.parent.name) or "answer"


def _prune(root: Path, keep: int) -> None:
    """Remove all but the `keep` most recently used build folders."""
    folders = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in folders[:-keep]:
        shutil.rmtree(old, ignore_errors=True)


@dataclass
class Speed:
    """What the speed report measured in the child: seconds per call, the reference first."""

    title: str
    rows: list[tuple[str, float | None, str]]  # (who, median seconds or None, a remark)
    flop: float = 0.0  # floating-point operations of one call, for GFLOP/s
    notes: list[str] = field(default_factory=list)

    def table(self) -> Group:
        reference = self.rows[0]
        table = Table(title=self.title, title_justify="left")
        table.add_column("kernel", no_wrap=True)
        table.add_column("median ms", justify="right")
        if self.flop:
            table.add_column("GFLOP/s", justify="right")
        table.add_column(f"share of {reference[0]}", justify="right")
        remarks = any(remark for _, _, remark in self.rows)
        if remarks:
            table.add_column("")
        for who, seconds, remark in self.rows:
            cells = [who, "-" if seconds is None else f"{seconds * 1e3:.3f}"]
            if self.flop:
                cells.append("-" if seconds is None else f"{self.flop / seconds / 1e9:.1f}")
            share = None if seconds is None or reference[1] is None else reference[1] / seconds
            cells += ["-" if share is None else f"{share:.1%}"] + ([remark] if remarks else [])
            table.add_row(*cells, style="bold" if who.startswith("your") else None)
        return Group(table, *(Text(note, style="dim") for note in self.notes))


class Measure:
    """The payload that asks the child for the speed report instead of one call."""


@dataclass(frozen=True)
class CppExercise(TorchExercise):
    """A TorchExercise whose answer is C++: solution.cpp defines `declaration`; the judge builds
    it (in the child, so a crash or a hang stays there), checks it like a Python answer, and
    after a pass times it with `speed` in the same child."""

    declaration: str = ""
    reference_source: str = ""  # the C++ reference answer, for `reveal` and the judge's tests
    cflags: tuple[str, ...] = ("-O2",)
    speed: Callable[[Callable], Speed] | None = None  # run in the child after a pass
    notes: Callable[[], list[str]] = list  # one-line remarks after a pass (e.g. about the GPU)
    build_timeout_s: float = 600.0
    speed_timeout_s: float = 300.0
    file: str = "solution.cpp"
    languages = ("cpp",)

    def files(self) -> dict[str, str]:
        return {"cpp": self.file}

    def stubs(self) -> dict[str, str]:
        return {self.file: self.stub}

    def references(self) -> dict[str, str]:
        return {self.file: self.reference_source}

    def reference_files(self) -> dict[str, str]:
        return self.references()

    def readme(self) -> str:
        expected = self.run(self.reference, self.example)
        return "\n".join([
            f"# {self.title}", "", self.statement.strip(), "",
            "## Example", "", "```python", f"{self.name}(A, B)  # called from Python, with",
            *(f"# {line}" for line in repr(self.example).splitlines()),
            f"# -> {expected!r}".replace("\n", "\n#    "), "```", "",
            "## Commands", "",
            f"* `make check EX={self.slug}` builds and judges `{self.file}` here",
            f"* `make watch EX={self.slug}` re-checks on every save",
            f"* `make hint EX={self.slug}`, `make reveal EX={self.slug}`", "",
        ])

    # --- the judge ----------------------------------------------------------------------------
    def judge(self, language: str, folder: Path, examples: int = 100, progress=None) -> Verdict:
        """The verdict; `progress(line)`, if given, hears of the example first."""
        path = folder / self.file
        if not path.exists():
            return Verdict(False, f"{self.slug}: {path} is missing; `make practice EX={self.slug}` "
                           "writes the stub again", stage="error")
        if _same_text(path.read_text(encoding="utf-8"), self.stub):
            return self._not_started(path)
        build = CppBuild(self.declaration, self.cflags)
        with LearnerCode(path, self.name, self._answer, self.timeout_s, loader=build,
                         load_timeout_s=self.build_timeout_s) as code:
            started = code.start()
            if not started.ok:
                what = (f"took longer than {self.build_timeout_s:g} s to build" if started.timed_out
                        else "does not build")
                return self._fail(f"{path.name} {what}", [Text(_message(started.error))], "error")
            got = code.call(self.example)
            if got.not_started:
                return self._not_started(path)
            if got.timed_out:
                return self._fail("ran over its time limit on the example", [Text(got.error)], "error")
            expected = self.run(self.reference, self.example)
            problems = [got.error] if not got.ok else self.differences(got.value, expected)
            if problems:
                details = [Text("On the example:", style="bold"), Text(repr(self.example)),
                           _problems(problems, got)]
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
                details = self._speed(code) + [Text(note) for note in self.notes()]
        if failure is None:
            return Verdict(True, f"{self.slug}: solved: the example and {tried[0]} generated "
                           f"{plural(tried[0], 'input')} agree with the reference", details,
                           stage="solved")
        details = [Text("The smallest input on which your answer differs:", style="bold"),
                   Text(repr(failure.example)), _problems(failure.problems, failure.actual)]
        return self._fail("wrong answer on a generated input", details, "generated",
                          self._traps(failure.example, failure.actual))

    def _answer(self, function: Callable, payload: Any) -> Any:
        """In the child: one call of the learner's function, or the speed report."""
        if isinstance(payload, Measure):
            return asdict(self.speed(function))  # plain data: the judge builds the Speed again
        return self.run(function, payload)

    def _speed(self, code: LearnerCode) -> list:
        if self.speed is None:
            return []
        code.timeout_s = self.speed_timeout_s
        measured = code.call(Measure())
        if not measured.ok:
            return [Text(f"The speed report failed (not part of the verdict): {measured.error}")]
        return [Speed(**measured.value).table(), Text("Speed is information, not a condition of the verdict.",
                                             style="dim")]

    def _not_started(self, path: Path) -> Verdict:
        return Verdict(False, f"{self.slug}: not started yet: write your answer in {path}",
                       stage="not started")


def _same_text(a: str, b: str) -> bool:
    """Equal but for trailing spaces and blank lines at the end (an editor's save)."""
    def norm(text: str) -> list[str]:
        return [line.rstrip() for line in text.strip().splitlines()]
    return norm(a) == norm(b)


def _message(error: str | None) -> str:
    """The child's error without the exception's class name (the compiler's text is the point)."""
    text = error or ""
    prefix = f"{CompileError.__module__}.{CompileError.__qualname__}: "
    return text[len(prefix):] if text.startswith(prefix) else text


def _problems(problems: list[str], got: Outcome) -> Group:
    if not got.ok:
        return Group(Text("your code raised:", style="bold"), Text(got.error or ""))
    return Group(*(Text(f"  {line}") for line in problems[:12]))
