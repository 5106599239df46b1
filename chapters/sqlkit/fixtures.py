"""The SQL tests' fixtures: the MySQL server and throwaway databases.

Only the folders whose tests need a server load them, through a one-line conftest.py.
"""

from __future__ import annotations

import os

import pytest

from chapters.sqlkit import db


def _require_mysql() -> bool:
    return os.environ.get("REQUIRE_MYSQL", "") not in ("", "0")


@pytest.fixture(scope="session")
def mysql_available() -> None:
    """Skip (or, with REQUIRE_MYSQL=1, fail) when no MySQL-family server answers."""
    try:
        db.wait_for_server(timeout=float(os.environ.get("MYSQL_WAIT", "5")))
        return
    except db.ServerUnavailable as error:
        problem = str(error)
    # Outside the except block, so pytest does not print the ServerUnavailable a second time.
    if _require_mysql():
        pytest.fail(f"REQUIRE_MYSQL=1 and {problem}", pytrace=False)
    pytest.skip(problem)


@pytest.fixture
def throwaway_db(mysql_available):
    """An engine on a fresh, uniquely named database that is dropped after the test."""
    with db.throwaway_database("test") as engine:
        yield engine


@pytest.fixture(scope="module")
def module_db(mysql_available):
    """One throwaway database for a whole test module (Hypothesis tests reuse it per example)."""
    with db.throwaway_database("test") as engine:
        yield engine
