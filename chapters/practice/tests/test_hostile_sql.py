"""Hostile SQL answers on the real server: none runs with more rights than the learner's, hangs
the judge, switches its limits off or outlives it. (MariaDB here; on MySQL 8 the statement limit
the session sets is max_execution_time, which covers SELECT only: the watchdog covers the rest.)"""

import time
import uuid

import pytest
from rich.console import Console

from chapters.practice.sql_exercise import SqlPractice
from chapters.practice.workspace import Workspace
from chapters.sqlkit import db, get, sandbox
from chapters.sqlkit.sandbox import Limits, Sandbox

pytestmark = pytest.mark.timeout(90)  # a judge that hangs fails here instead of for ever
EXAMPLES = 10
LIMITS = Limits(statement_s=1, script_s=3, max_rows=1000)
CORRECT = ("SELECT c.name AS Customers FROM Customers AS c "
           "WHERE NOT EXISTS (SELECT 1 FROM Orders AS o WHERE o.customerId = c.id);")


def render(verdict) -> str:
    console = Console(record=True, width=120, file=open("/dev/null", "w"))
    verdict.show(console)
    return console.export_text()


def judge(tmp_path, text: str, number: int = 183, examples: int = EXAMPLES, limits: Limits = LIMITS):
    exercise = SqlPractice(get(number), limits)
    workspace = Workspace(tmp_path)
    workspace.start(exercise)
    folder = workspace.folder(exercise)
    path = folder / "solution.sql"
    path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text)
    return exercise.judge("sql", folder, examples)


def rows_in(database: str) -> int:
    engine = db.get_engine(database)
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT COUNT(*) FROM kept").scalar()
    finally:
        engine.dispose()


def learner_queries(text: str) -> list:
    """Statements of any practice user still running on the server that contain `text`."""
    engine = db.get_engine()
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql(
                "SELECT ID, INFO FROM information_schema.PROCESSLIST "
                "WHERE USER LIKE 'practice\\_%%' AND INFO LIKE %s", (f"%{text}%",)).fetchall()
    finally:
        engine.dispose()


# --- 1. everything the learner wrote runs as the learner ---------------------------------------
def test_a_function_the_judge_calls_has_the_learners_rights_only(tmp_path, canary):
    name = canary
    answer = f"""
DROP FUNCTION IF EXISTS getNthHighestSalary;
DELIMITER $$
CREATE FUNCTION getNthHighestSalary(N INT) RETURNS INT
SQL SECURITY INVOKER
MODIFIES SQL DATA
BEGIN
    DECLARE skipped INT DEFAULT N - 1;
    INSERT INTO {name}.kept VALUES ((SELECT COUNT(*) FROM mysql.user));
    IF N < 1 THEN RETURN NULL; END IF;
    RETURN (SELECT DISTINCT salary FROM Employee ORDER BY salary DESC LIMIT 1 OFFSET skipped);
END $$
DELIMITER ;
"""
    verdict = judge(tmp_path, answer, number=177)
    assert not verdict.solved, render(verdict)
    assert "not allowed" in render(verdict) and "INSERT" in render(verdict)
    assert rows_in(name) == 0


# --- 3. nothing the learner leaves open blocks the judge ---------------------------------------
@pytest.mark.parametrize("opener", [
    "CREATE TABLE IF NOT EXISTS hold (x INT); START TRANSACTION; SELECT COUNT(*) FROM hold;",
    "START TRANSACTION; SELECT * FROM Orders FOR UPDATE;",
    "HANDLER Customers OPEN;",
    "SELECT GET_LOCK('judge', 0);",
], ids=["metadata lock", "row locks", "handler", "user lock"])
def test_a_lock_left_open_does_not_block_the_next_input(tmp_path, mysql_available, opener):
    start = time.monotonic()
    verdict = judge(tmp_path, f"{opener}\n{CORRECT}")
    assert verdict.solved, render(verdict)
    assert time.monotonic() - start < 30


@pytest.mark.parametrize("state", [
    "CREATE TEMPORARY TABLE IF NOT EXISTS Orders AS SELECT * FROM Orders;",
    "SET @runs = COALESCE(@runs, 0) + 1;",
], ids=["temporary table", "user variable"])
def test_each_input_starts_from_a_fresh_session(tmp_path, mysql_available, state):
    """A temporary table or a variable of one run is gone in the next: only the input counts."""
    query = CORRECT if "Orders" in state else CORRECT.replace("WHERE", "WHERE @runs = 1 AND")
    verdict = judge(tmp_path, f"{state}\n{query}")
    assert verdict.solved, render(verdict)


def test_an_index_on_an_input_table_is_refused_in_one_line(tmp_path, mysql_available):
    verdict = judge(tmp_path, f"CREATE UNIQUE INDEX one_each ON Orders (customerId);\n{CORRECT}")
    text = render(verdict)
    assert not verdict.solved and verdict.stage == "example", text
    assert "error 1142: not allowed" in text and "Traceback" not in text, text


# --- 4. limits the learner cannot switch off ---------------------------------------------------
def statement_limit_variable() -> str:
    """The session variable of the server's own statement limit (MariaDB's, or MySQL's)."""
    engine = db.get_engine()
    try:
        with engine.connect() as conn:
            mariadb = "mariadb" in conn.exec_driver_sql("SELECT VERSION()").scalar().lower()
    finally:
        engine.dispose()
    return "max_statement_time" if mariadb else "max_execution_time"


def test_switching_the_statement_limit_off_changes_nothing(tmp_path, mysql_available):
    start = time.monotonic()
    off = f"SET SESSION {statement_limit_variable()} = 0;"
    verdict = judge(tmp_path, f"{off}\nDO SLEEP(12);\n{CORRECT}")
    seconds = time.monotonic() - start
    assert not verdict.solved and verdict.headline.endswith("ran over its time limit on the example tables")
    assert "time limit of 1 s" in render(verdict)
    assert seconds < 8, f"the verdict took {seconds:.1f} s"
    assert learner_queries("SLEEP(12)") == []  # the server stopped the statement too


def test_a_script_of_many_short_statements_has_a_limit_in_all(tmp_path, mysql_available):
    start = time.monotonic()
    verdict = judge(tmp_path, "DO SLEEP(0.8);\n" * 6 + CORRECT)
    assert not verdict.solved and "ran over its time limit" in verdict.headline, render(verdict)
    assert "time limit of 3 s in all" in render(verdict)
    assert time.monotonic() - start < 10


def test_the_socket_backstop_reads_as_a_time_out():
    import pymysql

    error = pymysql.err.OperationalError(2013, "Lost connection to server during query (timed out)")
    assert sandbox._is_time_out(error)


# --- 5. no leftovers ---------------------------------------------------------------------------
def sandboxes() -> set[str]:
    engine = db.get_engine()
    try:
        with engine.connect() as conn:
            names = {row[0] for row in conn.exec_driver_sql(
                "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'practice\\_%%'")}
            users = {row[0] for row in conn.exec_driver_sql(
                "SELECT User FROM mysql.user WHERE User LIKE 'practice\\_%%'")}
        return names | users
    finally:
        engine.dispose()


def test_a_dead_judges_sandbox_is_swept_and_a_live_one_kept(mysql_available, monkeypatch):
    stale = f"practice_{int(time.time()) - 3600:08x}_{uuid.uuid4().hex[:8]}"
    engine = db.get_engine(stale)  # what a judge killed an hour ago left: a database, a user
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE USER '{stale}'@'%%' IDENTIFIED BY 'x'")
    engine.dispose()
    with Sandbox(LIMITS) as live:
        monkeypatch.setattr(sandbox, "_swept", False)  # sweep again, as a new judge would
        monkeypatch.setattr(sandbox, "STALE_S", -1)  # every sandbox is old: its lock decides
        with Sandbox(LIMITS) as fresh:
            left = sandboxes()
            assert stale not in left
            assert {live.name, live.reference_db, fresh.name} <= left
    assert not {live.name, fresh.name} & sandboxes()


def test_an_input_the_judge_cannot_prepare_ends_the_search_in_one_line(tmp_path, mysql_available,
                                                                        monkeypatch):
    """Someone else holds a lock on an input table: the judge's refill gives up after its
    short lock wait, and the verdict says so once, with no traceback and no more inputs."""
    monkeypatch.setattr(sandbox, "ADMIN_LOCK_WAIT_S", 1)
    fill, holders, calls = Sandbox.fill_learner, [], []

    def locked_from_the_second_input(box, exercise, frames):
        calls.append(1)
        if len(calls) == 2:
            engine = db.get_engine(box.name)
            conn = engine.connect()
            conn.exec_driver_sql("LOCK TABLES Customers WRITE")
            holders.append((engine, conn))
        fill(box, exercise, frames)

    monkeypatch.setattr(Sandbox, "fill_learner", locked_from_the_second_input)
    try:
        verdict = judge(tmp_path, CORRECT)
    finally:
        for engine, conn in holders:
            conn.close()
            engine.dispose()
    monkeypatch.setattr(sandbox, "_swept", False)  # what the lock kept from being dropped:
    monkeypatch.setattr(sandbox, "STALE_S", -1)  # the next judge's sweep removes it
    with Sandbox(LIMITS):
        pass
    text = render(verdict)
    assert verdict.headline.endswith("the judge had to stop") and verdict.stage == "error", text
    assert "could not prepare the input tables" in text and "Lock wait timeout" in text, text
    assert "Traceback" not in text and len(calls) == 2
