"""The learner's Python, imported and called in a child process that cannot outlive the judge.

Two processes: a keeper, which runs only the judge's code, and under it the learner's child.
The keeper is its own process group and a "subreaper" (Linux): every process the learner's
code starts, even one that leaves its session, stays below the keeper. When the judge ends, by
any means, the keeper sees its lifeline pipe close and kills everything below it; the judge
kills the same tree after a time-out. The learner's child has a memory cap, and what it prints
goes to a file, not the judge's terminal. Its results cross back as plain data
(chapters.practice.plain), read only up to a size cap: nothing it sends can run code in the judge.
"""

from __future__ import annotations

import ctypes
import importlib.util
import multiprocessing
import os
import resource
import select
import signal
import stat
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from chapters.practice import plain

STUB_MARKER = "write your answer here"  # the message of every stub's NotImplementedError


@dataclass(frozen=True)
class Caps:
    """What the learner's child may use and send back."""

    result_bytes: int = 32 * 2**20  # the encoded result, read by the judge at most
    result_rows: int = 100_000  # rows of a DataFrame result
    memory_bytes: int = 4 * 2**30  # address space the child may add to what it started with


@dataclass
class Outcome:
    """What one call gave: a value, or an error (its text as the learner should see it)."""

    value: Any = None
    error: str | None = None  # traceback of the learner's frames, or why there is no value
    timed_out: bool = False
    not_started: bool = False  # the stub's own NotImplementedError, untouched
    rows: int | None = None  # set when a DataFrame result had more rows than the cap

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
    sys.modules[spec.name] = module  # dataclasses look modules up here
    spec.loader.exec_module(module)
    function = getattr(module, name, None)
    if not callable(function):
        raise NameError(f"{path.name} defines no function {name}()")
    return function


# --- in the child ------------------------------------------------------------------------------
def _subreaper() -> None:
    """Make this process adopt its descendants' orphans (Linux; elsewhere groups are killed)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (AttributeError, OSError):
        pass


def _keep(lifeline: int, report: int, serve: Callable[[], None]) -> None:
    """The keeper: start the learner's child and tell the judge its pid, then wait for the
    judge's end or the child's."""
    os.setpgid(0, 0)
    _subreaper()
    child = os.fork()
    if child == 0:
        os.close(lifeline)
        os.close(report)
        try:
            serve()
        finally:
            os._exit(0)
    os.write(report, str(child).encode())
    os.close(report)
    while True:
        ready, _, _ = select.select([lifeline], [], [], 0.2)
        if ready or os.waitpid(child, os.WNOHANG)[0]:  # the judge is gone, or the child
            break
    for pid in _descendants(os.getpid()):
        _kill(pid, signal.SIGKILL)


def _contain(output_fd: int, keep_fd: int, caps: Caps) -> None:
    """In the learner's child: close the judge's sockets (a server session as the admin would
    be one), cap the memory, read nothing, and send what it prints to the capture file."""
    for fd in _open_fds():
        if fd != keep_fd and fd > 2:
            try:
                if stat.S_ISSOCK(os.fstat(fd).st_mode):
                    os.close(fd)
            except OSError:
                pass
    if sys.platform.startswith("linux"):
        pages = int(open("/proc/self/statm").read().split()[0])
        used = pages * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = used + caps.memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    for fd in (1, 2):
        os.dup2(output_fd, fd)
    # Python's own streams may not be fds 1 and 2 (a test runner's capture, a notebook's).
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)


def _open_fds() -> list[int]:
    try:
        return [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:
        return list(range(3, 256))


def _send(conn, outcome: Outcome, caps: Caps) -> None:
    """Send an outcome as plain data; a result the judge cannot read becomes an error."""
    value = outcome.value
    rows = len(value) if type(value).__name__ == "DataFrame" else None
    if rows is not None and rows > caps.result_rows:
        outcome = Outcome(error=f"your answer returned {rows:,} rows, more than the judge reads "
                          f"({caps.result_rows:,})", rows=rows)
    record = {"error": outcome.error, "not_started": outcome.not_started, "rows": outcome.rows}
    try:
        data = plain.encode({**record, "value": outcome.value})
    except (plain.NotPlain, RecursionError, ValueError) as error:
        data = plain.encode({**record, "value": None, "error": f"the result cannot be read back: {error}"})
    conn.send_bytes(data)


def _failure(error: BaseException, path: Path) -> Outcome:
    # The stubs raise NotImplementedError (Python) or a RuntimeError from TORCH_CHECK (C++).
    stub = isinstance(error, NotImplementedError | RuntimeError) and str(error).strip() == STUB_MARKER
    return Outcome(error=learner_traceback(error, path), not_started=stub)


def _serve(conn, path: Path, name: str, runner: Callable, loader: Callable, output_fd: int,
           caps: Caps) -> None:
    """The learner's child: load once, then answer each request with runner(function, payload)."""
    _contain(output_fd, conn.fileno(), caps)
    # A forked child inherits torch's thread pool in a state it cannot use (the pool's threads
    # stayed in the parent): a first parallel op would wait for ever. One thread is safe.
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(1)
    try:
        function = loader(path, name)
        _send(conn, Outcome(), caps)
    except BaseException as error:  # a syntax error is the learner's, so is any other
        _send(conn, _failure(error, path), caps)
        return
    while True:
        try:
            payload = conn.recv()
        except EOFError:
            return
        try:
            outcome = Outcome(value=runner(function, payload))
        except BaseException as error:
            outcome = _failure(error, path)
        _send(conn, outcome, caps)


# --- in the judge -------------------------------------------------------------------------------
def _descendants(root: int) -> set[int]:
    """Every process below `root`, from /proc (empty where there is no /proc)."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return set()
    for entry in entries:
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _parent(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stat_file:
            return int(stat_file.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def kill_tree(root: int) -> None:
    """Stop `root` and every process below it, then kill them all: none is left to fork more."""
    stopped: set[int] = set()
    while True:
        new = ({root} | _descendants(root)) - stopped
        if not new:
            break
        for pid in new:
            _kill(pid, signal.SIGSTOP)
        stopped |= new
    for pid in stopped:
        _kill(pid, signal.SIGKILL)
    try:
        os.killpg(root, signal.SIGKILL)  # and its group, where /proc saw nothing
    except (ProcessLookupError, PermissionError):
        pass


def _kill(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


class LearnerCode:
    """`with LearnerCode(path, name, runner) as code: code.call(payload)`; a hung call is killed.

    runner(function, payload) runs in the child (forked, so any callable will do) and returns
    what the parent receives, as plain data; it is where a judge adapts the learner's function
    to its inputs.
    """

    def __init__(
        self,
        path: Path,
        name: str,
        runner: Callable,
        timeout_s: float = 10.0,
        loader: Callable[[Path, str], Callable] = load_function,
        load_timeout_s: float | None = None,
        caps: Caps | None = None,
        budget_s: float | None = None,
    ):
        self.path, self.name, self.runner = Path(path).resolve(), name, runner
        self.timeout_s, self.loader = timeout_s, loader  # loader: e.g. compile a C++ file
        self.load_timeout_s = timeout_s if load_timeout_s is None else load_timeout_s
        self.caps = caps or Caps()
        # All the calls together, at most (None: 10 calls' worth): a check has an end too.
        self.budget_s = 10 * timeout_s if budget_s is None else budget_s
        self.spent_s = 0.0
        self._keeper = self._learner = self._conn = self._lifeline = None
        self._output = tempfile.TemporaryFile()  # what the learner's code prints

    def __enter__(self) -> LearnerCode:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
        self._output.close()

    def printed(self, limit: int = 2000) -> str:
        """The start of what the learner's code printed so far."""
        self._output.seek(0)
        text = self._output.read(limit + 1).decode("utf-8", "replace")
        return text if len(text) <= limit else text[:limit] + " ..."

    def start(self) -> Outcome:
        """Start the child and import the learner's file; the outcome says if that worked."""
        self._conn, child_conn = multiprocessing.Pipe()
        lifeline, self._lifeline = os.pipe()  # the judge holds the writing end, and only it
        report, report_end = os.pipe()  # the keeper tells the learner child's pid on it
        serve = partial(_serve, child_conn, self.path, self.name, self.runner, self.loader,
                        self._output.fileno(), self.caps)
        # The judge adopts orphans too: a learner child that leaves its group and kills its
        # keeper becomes the judge's, and is still found and killed by stop().
        _subreaper()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(self._lifeline)
                os.close(report)
                self._conn.close()  # the judge's end: the judge sees EOF when the child is gone
                _keep(lifeline, report_end, serve)
            finally:
                os._exit(0)
        os.close(lifeline)
        os.close(report_end)
        child_conn.close()
        self._keeper = pid
        with os.fdopen(report, "rb") as told:
            text = told.read()
        self._learner = int(text) if text.isdigit() else None
        return self._receive("loading the file", self.load_timeout_s)

    def call(self, payload: Any) -> Outcome:
        """Run runner(function, payload) in the child; restart it first if a call killed it."""
        if self._keeper is None:
            started = self.start()
            if not started.ok:
                return started
        left = self.budget_s - self.spent_s
        if left <= 0:
            return self._over_budget()
        try:
            self._conn.send(payload)
        except (BrokenPipeError, OSError):
            self.stop()
            return Outcome(error="your code ended the process (sys.exit or a crash)")
        start = time.monotonic()
        outcome = self._receive("the call", min(self.timeout_s, left))
        self.spent_s += time.monotonic() - start
        if outcome.timed_out and self.spent_s >= self.budget_s and left < self.timeout_s:
            return self._over_budget()
        return outcome

    def _over_budget(self) -> Outcome:
        return Outcome(error=f"your code ran {self.budget_s:g} s in all, the limit for the calls "
                       "of one check", timed_out=True)

    def _receive(self, what: str, timeout_s: float | None = None) -> Outcome:
        timeout_s = self.timeout_s if timeout_s is None else timeout_s
        if not self._conn.poll(timeout_s):
            self.stop()
            return Outcome(error=f"{what} took longer than {timeout_s:g} s", timed_out=True)
        try:
            data = self._conn.recv_bytes(self.caps.result_bytes)
        except (EOFError, ConnectionError):
            self.stop()
            return Outcome(error="your code ended the process (sys.exit, a crash, or out of memory)")
        except OSError:  # longer than the cap: the rest is never read
            self.stop()
            return Outcome(error=f"your answer is larger than the {self.caps.result_bytes // 2**20} MB "
                           "the judge reads")
        return _outcome(data)

    def stop(self) -> None:
        if self._keeper is not None:
            kill_tree(self._keeper)
            os.waitpid(self._keeper, 0)
            os.close(self._lifeline)
            if self._learner is not None and _parent(self._learner) == os.getpid():  # adopted
                kill_tree(self._learner)
                os.waitpid(self._learner, 0)
        self._keeper = self._learner = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _outcome(data: bytes) -> Outcome:
    """The child's message, checked field by field: a malformed one is an error outcome."""
    try:
        record = plain.decode(data)
        error, value = record["error"], record["value"]
        not_started, rows = record["not_started"], record["rows"]
    except Exception as problem:  # whatever the child sent, it is data: say so, never crash
        return Outcome(error=f"the result could not be read back: {type(problem).__name__}")
    if not (error is None or isinstance(error, str)) or rows is not None and type(rows) is not int:
        return Outcome(error="the result could not be read back: a malformed message")
    return Outcome(value=value, error=error, not_started=not_started is True, rows=rows)
