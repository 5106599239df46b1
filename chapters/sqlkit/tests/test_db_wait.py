"""Waiting for the server, and the shell's probe of a port: silent ports, other protocols, what is said."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from chapters.sqlkit import db

ROOT = Path(__file__).resolve().parents[3]
PROBE = ROOT / "scripts" / "mysql_answers.py"
HTTP_BANNER = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
PARTIAL_GREETING = b"\x05\x00\x00\x00\x0a"  # a MySQL packet header that promises 5 bytes, sends 1


@pytest.fixture
def fake_port():
    """Start a local TCP server that sends `reply` (b"": nothing) and holds each connection open."""
    servers = []

    def start(reply: bytes) -> int:
        server = socket.create_server(("127.0.0.1", 0))
        held: list[socket.socket] = []

        def serve() -> None:
            while True:
                try:
                    conn, _ = server.accept()
                except OSError:  # the server socket was closed: the test is over
                    return
                held.append(conn)
                if reply:
                    conn.sendall(reply)

        threading.Thread(target=serve, daemon=True).start()
        servers.append((server, held))
        return server.getsockname()[1]

    yield start
    for server, held in servers:
        server.close()
        for conn in held:
            conn.close()


def _bounded(seconds: float, call):
    """Run `call()` in a thread; return the exception it raised, or fail if it runs too long."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            call()
            outcome.append(None)
        except BaseException as error:  # noqa: B036 - handed back to the test
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still running after {seconds} s"
    return outcome[0]


@pytest.mark.parametrize("reply", [b"", PARTIAL_GREETING], ids=["silent", "partial-greeting"])
def test_a_port_that_never_finishes_a_greeting_gives_up_in_time(fake_port, reply):
    port = fake_port(reply)
    url = make_url(f"mysql+pymysql://root@127.0.0.1:{port}/tutorial")
    start = time.monotonic()
    error = _bounded(15, lambda: db.wait_for_server(url, timeout=2))
    assert isinstance(error, db.ServerUnavailable), repr(error)
    assert time.monotonic() - start < 6
    message = str(error)
    assert "\n" not in message and f"127.0.0.1:{port}" in message
    assert "no MySQL greeting" in message


def test_a_port_that_speaks_something_else_is_named_as_such(fake_port):
    port = fake_port(HTTP_BANNER)
    url = make_url(f"mysql+pymysql://root@127.0.0.1:{port}/tutorial")
    error = _bounded(15, lambda: db.wait_for_server(url, timeout=5))
    assert isinstance(error, db.ServerUnavailable), repr(error)
    message = str(error)
    assert "\n" not in message and f"127.0.0.1:{port}" in message
    assert "not a MySQL server" in message and "HTTP/1.1 400" in message


def test_waiting_is_announced_once_and_at_once(capsys):
    url = make_url("mysql+pymysql://root@127.0.0.1:1/tutorial")
    waiting = threading.Thread(target=_bounded, args=(15, lambda: db.wait_for_server(url, 3)))
    waiting.start()
    time.sleep(1)  # the first attempt is refused at once; the line must be out by now
    early = capsys.readouterr().err
    waiting.join()
    later = capsys.readouterr().err
    assert early == "waiting for MySQL at 127.0.0.1:1 ...\n"
    assert later == ""


def test_a_server_that_answers_at_once_is_not_announced(mysql_available, capsys):
    db.wait_for_server(timeout=5)
    assert capsys.readouterr().err == ""


def test_require_mysql_says_the_no_server_line_once():
    env = {
        **os.environ,
        "MYSQL_URL": "mysql+pymysql://root@127.0.0.1:1/tutorial",
        "REQUIRE_MYSQL": "1",
        "MYSQL_WAIT": "1",
    }
    node = "chapters/sqlkit/tests/test_db.py::test_throwaway_database_is_dropped"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", node, "-q", "-rN", "-p", "no:cacheprovider"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode != 0
    assert run.stdout.count("No MySQL server answers at 127.0.0.1:1") == 1, run.stdout
    assert "During handling of the above exception" not in run.stdout


@pytest.mark.parametrize("raw", [True, False], ids=["greeting", "pymysql"])
def test_the_port_probe_tells_mysql_from_other_listeners(fake_port, raw):
    def probe(port: int) -> tuple[int, str]:
        command = [sys.executable, str(PROBE), "127.0.0.1", str(port), "--timeout", "1"]
        run = subprocess.run(command + ["--raw"] * raw, capture_output=True, text=True, timeout=30)
        return run.returncode, run.stdout

    assert probe(1)[0] == 1
    status, line = probe(fake_port(b""))
    assert status == 2 and "no MySQL greeting" in line
    status, line = probe(fake_port(HTTP_BANNER))
    assert status == 2 and "not a MySQL server" in line and "HTTP/1.1 400" in line
    assert probe(fake_port(PARTIAL_GREETING))[0] == 2


@pytest.mark.parametrize("raw", [True, False], ids=["greeting", "pymysql"])
def test_the_port_probe_finds_the_server(mysql_available, raw):
    url = db.server_url()
    command = [sys.executable, str(PROBE), url.host or "localhost", str(url.port or 3306)]
    run = subprocess.run(command + ["--raw"] * raw, capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stdout
    assert "MySQL-family server answers" in run.stdout


def _db_sh_up(port: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "DB_PORT": str(port), "PYTHON": sys.executable}
    return subprocess.run(
        ["bash", "scripts/db.sh", "up"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )


def test_make_db_does_not_take_another_protocol_for_a_server(fake_port):
    run = _db_sh_up(fake_port(HTTP_BANNER))
    assert run.returncode == 1
    assert "already answers" not in run.stdout
    assert "not a MySQL server" in run.stderr and "HTTP/1.1 400" in run.stderr


def test_make_db_uses_the_server_that_answers(mysql_available):
    url = db.server_url()
    if url.host != "127.0.0.1":
        pytest.skip("scripts/db.sh looks at 127.0.0.1 only")
    run = _db_sh_up(url.port or 3306)
    assert run.returncode == 0 and "already answers" in run.stdout


def test_no_test_can_run_for_ever(pytestconfig):
    assert pytestconfig.pluginmanager.hasplugin("timeout")
    assert float(pytestconfig.getini("timeout")) == 600
