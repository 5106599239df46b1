"""Hostile pandas answers, judged as a learner runs them (`python -m chapters.practice check`):
nothing they return runs code in the judge, and nothing they start outlives it."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chapters.practice import catalog
from chapters.practice.workspace import Workspace

pytestmark = pytest.mark.timeout(120)
EXERCISE = catalog.find("183")
PIDFILE = "pids.txt"


def started(tmp_path: Path, answer: str) -> Path:
    workspace = Workspace(tmp_path)
    workspace.start(EXERCISE)
    folder = workspace.folder(EXERCISE)
    (folder / "solution.py").write_text(answer.replace("PIDFILE", repr(str(tmp_path / PIDFILE))))
    return folder


def check(tmp_path: Path, language: str = "python", **popen) -> subprocess.Popen:
    env = {**os.environ, "PRACTICE_DIR": str(tmp_path), "COLUMNS": "120"}
    command = [sys.executable, "-m", "chapters.practice", "check", "183", f"--lang={language}",
               "--examples", "10"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, **popen)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is dead
    except FileNotFoundError:
        return False


def wait_for_pids(tmp_path: Path, count: int, seconds: float = 60) -> list[int]:
    deadline = time.monotonic() + seconds
    path = tmp_path / PIDFILE
    while time.monotonic() < deadline:
        if path.exists() and len(pids := path.read_text().split()) >= count:
            return [int(p) for p in pids[:count]]
        time.sleep(0.1)
    raise AssertionError(f"the answer never wrote {count} pids")


def gone_soon(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.1)
    return False


# --- 2. results are plain data ---------------------------------------------------------------
REDUCE = """
import pandas as pd

class Sneaky:
    def __reduce__(self):
        return {call}

def customers_who_never_order(customers, orders):
    return pd.DataFrame({{"Customers": [Sneaky()]}})
"""


@pytest.mark.parametrize("call", [
    "(__import__('os')._exit, (0,))",  # ends the judge with exit 0 and nothing said
    "(exec, ('import chapters.sqlkit.frames as f; f._rows = lambda frame: []',))",  # all equal
], ids=["exit 0", "patch the comparison"])
def test_a_result_that_would_run_code_when_read_is_refused(tmp_path, call):
    started(tmp_path, REDUCE.format(call=call))
    out, _ = check(tmp_path).communicate(timeout=90)
    first = out.strip().splitlines()[0] if out.strip() else ""
    assert first.startswith("✗") and "error on the example tables" in first, out
    assert "cannot be read back" in out and "Sneaky" in out, out


def judged(tmp_path: Path, answer: str) -> str:
    """The verdict on the pandas half as the terminal shows it (judged in this process)."""
    from chapters.practice.tests.test_hostile_sql import render

    return render(EXERCISE.judge("python", started(tmp_path, answer), 10))


def test_a_result_of_a_million_rows_is_refused_in_seconds(tmp_path):
    out = judged(tmp_path, "import pandas as pd\n\ndef customers_who_never_order(customers, orders):\n"
                           "    return pd.DataFrame({'Customers': ['x'] * 1_000_000})\n")
    rows = len(EXERCISE.exercise.expected())
    assert "your answer returned 1,000,000 rows, more than the judge reads (100,000); " \
           f"the reference returns {rows} rows" in out, out


def test_a_huge_cell_is_shown_cut(tmp_path):
    out = judged(tmp_path, "import pandas as pd\n\ndef customers_who_never_order(customers, orders):\n"
                           "    return pd.DataFrame({'Customers': ['x' * 1_000_000, 'y']})\n")
    assert "(1,000,000 characters)" in out and len(out) < 20_000, len(out)


def test_an_answer_that_eats_memory_meets_the_cap(tmp_path):
    out = judged(tmp_path, "def customers_who_never_order(customers, orders):\n"
                           "    hog = bytearray(64 * 2**30)\n    return hog\n")
    assert "MemoryError" in out, out


# --- 5. nothing outlives the judge -----------------------------------------------------------
SLEEPER = """
import os, subprocess, time

def customers_who_never_order(customers, orders):
    helper = subprocess.Popen(["sleep", "300"], start_new_session={escape})
    with open(PIDFILE, "a") as out:
        out.write(f"{{os.getpid()}} {{helper.pid}}\\n")
    time.sleep({seconds})
"""


def test_the_child_and_its_processes_die_when_the_judge_is_killed(tmp_path):
    started(tmp_path, SLEEPER.format(escape=True, seconds=300))
    judge = check(tmp_path)
    child, helper = wait_for_pids(tmp_path, 2)
    judge.kill()  # SIGKILL: no handler of the judge runs
    judge.communicate(timeout=30)
    assert gone_soon(child), "the learner's child outlived the judge"
    assert gone_soon(helper), "a process the answer started outlived the judge"


@pytest.mark.parametrize("escape", [False, True], ids=["same group", "own session"])
def test_processes_an_answer_starts_are_killed_after_each_call(tmp_path, escape):
    started(tmp_path, SLEEPER.format(escape=escape, seconds=0) + "    return 42\n")
    judge = check(tmp_path)  # its stdout is a pipe, as in `make check | tee`
    out, _ = judge.communicate(timeout=60)  # a helper holding the pipe would block this
    child, helper = wait_for_pids(tmp_path, 2, seconds=1)
    assert "expected a DataFrame, got int" in out, out
    assert gone_soon(helper) and gone_soon(child)


def test_sigterm_during_the_sql_half_leaves_no_database_or_user(tmp_path, mysql_available):
    from chapters.practice.tests.test_hostile_sql import sandboxes

    before = sandboxes()
    folder = started(tmp_path, "")
    (folder / "solution.sql").write_text(
        "DO SLEEP(0.3);\nSELECT c.name AS Customers FROM Customers AS c WHERE NOT EXISTS "
        "(SELECT 1 FROM Orders AS o WHERE o.customerId = c.id);\n")
    judge = check(tmp_path, "sql")
    deadline = time.monotonic() + 60
    while not (new := sandboxes() - before) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert new, "the judge never made its sandbox"
    time.sleep(1)  # in the middle of the generated inputs
    judge.send_signal(signal.SIGTERM)
    judge.communicate(timeout=30)
    # Another judge's sandbox may have appeared meanwhile (a shared server): it holds its lock.
    left = {name for name in sandboxes() & new if lock_is_free(name.removesuffix("_ref"))}
    assert not left, f"left behind: {left}"


def lock_is_free(name: str) -> bool:
    from chapters.sqlkit import db

    engine = db.get_engine()
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT IS_FREE_LOCK(%s)", (name,)).scalar() == 1
    finally:
        engine.dispose()


SOCKETS = """
import os, stat

def customers_who_never_order(customers, orders):
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += stat.S_ISSOCK(os.fstat(int(fd)).st_mode)
        except OSError:
            pass
    with open(PIDFILE, "w") as out:
        out.write(str(count))
    return customers
"""


def test_the_child_gets_none_of_the_judges_server_sessions(tmp_path, mysql_available):
    """A session the judge holds (as the admin) is not open in the learner's child: only the
    pipe to the judge is a socket there."""
    from chapters.sqlkit import db

    folder = started(tmp_path, SOCKETS)
    engine = db.get_engine()
    try:
        with engine.connect():  # open in the judge while it judges
            EXERCISE.judge("python", folder, 1)
    finally:
        engine.dispose()
    assert (tmp_path / PIDFILE).read_text() == "1"


def test_a_check_has_a_time_limit_in_all(tmp_path):
    """Each call under its limit, but all of them together over the check's: stopped there."""
    from chapters.practice.sql_exercise import SqlPractice
    from chapters.practice.tests.test_hostile_sql import render

    exercise = SqlPractice(EXERCISE.exercise, python_timeout_s=0.5)  # 5 s for the whole check
    folder = started(tmp_path, "import time\nfrom chapters.ch06_filtering.exercises."
                               "customers_who_never_order import customers_who_never_order as ok\n\n"
                               "def customers_who_never_order(customers, orders):\n"
                               "    time.sleep(0.2)\n    return ok(customers, orders)\n")
    start = time.monotonic()
    verdict = exercise.judge("python", folder, 100)
    assert verdict.headline.endswith("ran over its time limit"), render(verdict)
    assert "5 s in all" in render(verdict) and time.monotonic() - start < 15


def test_what_the_answer_prints_is_shown_with_the_verdict(tmp_path, capfd):
    from chapters.practice.tests.test_hostile_sql import render

    folder = started(tmp_path, "from chapters.ch06_filtering.exercises.customers_who_never_order "
                               "import customers_who_never_order as ok\n\n"
                               "def customers_who_never_order(customers, orders):\n"
                               "    print('looking at', len(customers), 'customers')\n"
                               "    return ok(customers, orders)\n")
    verdict = EXERCISE.judge("python", folder, 3)
    assert verdict.solved and "looking at " in render(verdict), render(verdict)
    assert "looking at" not in capfd.readouterr().out  # not on the judge's own terminal


def test_a_child_that_leaves_its_group_and_kills_its_keeper_is_still_killed(tmp_path):
    started(tmp_path, "import os, signal, time\n\ndef customers_who_never_order(customers, orders):\n"
                      "    os.setsid()\n    with open(PIDFILE, 'w') as out:\n"
                      "        out.write(str(os.getpid()))\n"
                      "    os.kill(os.getppid(), signal.SIGKILL)\n    time.sleep(300)\n")
    from chapters.practice.sql_exercise import SqlPractice

    verdict = SqlPractice(EXERCISE.exercise, python_timeout_s=2).judge("python", tmp_path / EXERCISE.slug, 3)
    (child,) = wait_for_pids(tmp_path, 1, seconds=1)
    assert not verdict.solved and gone_soon(child)
