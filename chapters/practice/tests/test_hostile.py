"""Hostile or broken answers each get one clear verdict, and change nothing outside the sandbox."""


import pytest

from chapters.practice.sql_exercise import SqlPractice
from chapters.practice.workspace import Workspace
from chapters.sqlkit import db, get
from chapters.sqlkit.sandbox import Limits

EXAMPLES = 10


@pytest.fixture
def practice(tmp_path):
    exercise = SqlPractice(get(183), Limits(statement_s=1, max_rows=1000), python_timeout_s=3)
    workspace = Workspace(tmp_path)
    workspace.start(exercise)
    return exercise, workspace.folder(exercise)


def judge(practice, language: str, text: str):
    exercise, folder = practice
    (folder / exercise.files()[language]).write_text(text)
    return exercise.judge(language, folder, EXAMPLES)


def test_dropping_another_database_is_refused(practice, canary):
    verdict = judge(practice, "sql", f"DROP DATABASE {canary};\nDROP DATABASE tutorial;\n")
    assert not verdict.solved and "error 1044" in str(verdict.details[1])
    engine = db.get_engine(canary)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SHOW TABLES").fetchall() == [("kept",)]
    engine.dispose()


def test_a_sleeping_query_is_stopped_by_the_time_limit(practice, mysql_available):
    verdict = judge(practice, "sql", "SELECT SLEEP(100) AS Customers;")
    assert verdict.headline.endswith("ran over its time limit on the example tables")
    assert "time limit of 1 s" in str(verdict.details[0])


def test_a_huge_cross_join_stops_at_the_row_limit(practice, mysql_available):
    ten = " UNION ALL ".join(f"SELECT {i} AS d" for i in range(10))
    verdict = judge(practice, "sql", f"SELECT a.d AS Customers FROM ({ten}) a, ({ten}) b, ({ten}) c, ({ten}) d;")
    assert not verdict.solved and "more than 1,000 rows" in str(verdict.details[1])


def test_a_syntax_error_is_one_line_with_the_servers_words(practice, mysql_available):
    verdict = judge(practice, "sql", "SELEC name AS Customers FROM Customers;")
    assert not verdict.solved and "error 1064" in str(verdict.details[1])


def test_an_exception_shows_the_learners_frames_only(practice):
    text = (
        "def helper(orders):\n    return orders['no_such_column']\n\n"
        "def customers_who_never_order(customers, orders):\n    return helper(orders)\n"
    )
    verdict = judge(practice, "python", text)
    shown = str(verdict.details[1])
    assert not verdict.solved and "KeyError: 'no_such_column'" in shown
    assert "solution.py" in shown and "child.py" not in shown and "exercise.py" not in shown


def test_an_endless_loop_times_out(practice):
    verdict = judge(practice, "python", "def customers_who_never_order(c, o):\n    while True:\n        pass\n")
    assert verdict.headline.endswith("ran over its time limit on the example tables")


def test_a_wrong_return_type_is_named(practice):
    verdict = judge(practice, "python", "def customers_who_never_order(c, o):\n    return 42\n")
    assert not verdict.solved and "expected a DataFrame, got int" in str(verdict.details[1])


def test_a_file_that_does_not_import_says_so(practice):
    verdict = judge(practice, "python", "def customers_who_never_order(c, o)\n    return c\n")
    assert "solution.py does not load" in verdict.headline
    assert "SyntaxError" in str(verdict.details[0].code)
