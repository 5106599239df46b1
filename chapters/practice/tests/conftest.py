"""These tests talk to a MySQL server: load the SQL fixtures."""

import uuid

import pytest

from chapters.practice import judge
from chapters.sqlkit import db
from chapters.sqlkit.fixtures import module_db, mysql_available, throwaway_db  # noqa: F401


@pytest.fixture
def canary(request):
    """A database with a table `kept` that no learner may touch (dropped afterwards)."""
    request.getfixturevalue("mysql_available")
    name = f"canary_{uuid.uuid4().hex[:8]}"
    engine = db.get_engine(name)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE kept (x INT)")
    engine.dispose()
    yield name
    db.drop_database(name)


@pytest.fixture(autouse=True)
def quick_shrink(monkeypatch):
    """A shorter search for a smaller failing input than a learner's 10 s: the traps are named
    on whatever input it reaches, and the tests that need the smallest one still get it."""
    monkeypatch.setattr(judge, "SHRINK_BUDGET_S", 2.0)


@pytest.fixture(autouse=True)
def no_speed_report(monkeypatch):
    """A `check` run from the command line measures the answer's speed after a pass (about 10 s
    a half): these tests judge, so they turn it off; test_speed_report.py turns it on."""
    monkeypatch.setenv("PRACTICE_PERF", "0")
