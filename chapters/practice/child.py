"""The learner's Python, imported and called in a child process with a time limit per call."""

from __future__ import annotations

import importlib.util
import multiprocessing
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Outcome:
    """What one call gave: a value, or an error (its text as the learner should see it)."""

    value: Any = None
    error: str | None = None  # traceback of the learner's frames, or why there is no value
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def learner_traceback(error: BaseException, path: Path) -> str:
    """The traceback from the learner's first frame on: the judge's own frames are noise."""
    frames = traceback.extract_tb(error.__traceback__)
    first = next((i for i, f in enumerate(frames) if Path(f.filename) == path), len(frames))
    lines = traceback.format_list(frames[first:]) if first < len(frames) else []
    return "".join(lines + traceback.format_exception_only(type(error), error)).rstrip()


def load_function(path: Path, name: str) -> Callable:
    """Import the learner's file and return its function `name` (clear errors otherwise)."""
    spec = importlib.util.spec_from_file_location(f"learner_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look modules up here
    spec.loader.exec_module(module)
    function = getattr(module, name, None)
    if not callable(function):
        raise NameError(f"{path.name} defines no function {name}()")
    return function


def _serve(conn, path: Path, name: str, runner: Callable, loader: Callable) -> None:
    """The child: load once, then answer each request with runner(function, payload)."""
    # A forked child inherits torch's thread pool in a state it cannot use (the pool's threads
    # stayed in the parent): a first parallel op would wait for ever. One thread is safe.
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(1)
    try:
        function = loader(path, name)
        conn.send(Outcome())
    except BaseException as error:  # a syntax error is the learner's, so is any other
        conn.send(Outcome(error=learner_traceback(error, path)))
        return
    while True:
        try:
            payload = conn.recv()
        except EOFError:
            return
        try:
            conn.send(Outcome(value=runner(function, payload)))
        except BaseException as error:
            conn.send(Outcome(error=learner_traceback(error, path)))


class LearnerCode:
    """`with LearnerCode(path, name, runner) as code: code.call(payload)`; a hung call is killed.

    runner(function, payload) runs in the child (forked, so any callable will do) and returns
    what the parent receives; it is where a judge adapts the learner's function to its inputs.
    """

    def __init__(
        self,
        path: Path,
        name: str,
        runner: Callable,
        timeout_s: float = 10.0,
        loader: Callable[[Path, str], Callable] = load_function,
        load_timeout_s: float | None = None,
    ):
        self.path, self.name, self.runner = Path(path).resolve(), name, runner
        self.timeout_s, self.loader = timeout_s, loader  # loader: e.g. compile a C++ file
        self.load_timeout_s = timeout_s if load_timeout_s is None else load_timeout_s
        self._process = self._conn = None

    def __enter__(self) -> LearnerCode:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> Outcome:
        """Start the child and import the learner's file; the outcome says if that worked."""
        context = multiprocessing.get_context("fork")
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(
            target=_serve,
            args=(child_conn, self.path, self.name, self.runner, self.loader),
            daemon=True,
        )
        self._process.start()
        child_conn.close()
        return self._receive("loading the file", self.load_timeout_s)

    def call(self, payload: Any) -> Outcome:
        """Run runner(function, payload) in the child; restart it first if a call killed it."""
        if self._process is None or not self._process.is_alive():
            started = self.start()
            if not started.ok:
                return started
        try:
            self._conn.send(payload)
        except (BrokenPipeError, OSError):
            self.stop()
            return Outcome(error="your code ended the process (sys.exit or a crash)")
        return self._receive("the call")

    def _receive(self, what: str, timeout_s: float | None = None) -> Outcome:
        timeout_s = self.timeout_s if timeout_s is None else timeout_s
        if not self._conn.poll(timeout_s):
            self.stop()
            return Outcome(error=f"{what} took longer than {timeout_s:g} s", timed_out=True)
        try:
            return self._conn.recv()
        except (EOFError, OSError):
            self.stop()
            return Outcome(error="your code ended the process (sys.exit or a crash)")
        except Exception as error:  # the result could not be sent back (not picklable)
            return Outcome(error=f"the result could not be read back: {error}")

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        self._process = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
