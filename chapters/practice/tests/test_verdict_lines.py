"""Verdicts that say what happened: the stub's marker only is "not started", encodings and
refusals in one line, an error shown once, counts in the right number, caps on what is shown."""

import pandas as pd
import pytest

from chapters.practice.tests.test_hostile_sql import CORRECT, judge, render
from chapters.sqlkit import get
from chapters.sqlkit.frames import frame_differences
from chapters.sqlkit.sandbox import Limits

pytestmark = pytest.mark.timeout(90)


def judge_pandas(tmp_path, text: str):
    from chapters.practice.sql_exercise import SqlPractice
    from chapters.practice.workspace import Workspace

    exercise = SqlPractice(get(183), python_timeout_s=5)
    workspace = Workspace(tmp_path)
    workspace.start(exercise)
    (workspace.folder(exercise) / "solution.py").write_text(text)
    return exercise.judge("python", workspace.folder(exercise), 10)


def test_only_the_stubs_own_marker_is_not_started(tmp_path):
    verdict = judge_pandas(tmp_path, "def customers_who_never_order(customers, orders):\n"
                                     "    return customers.query('name is not None')\n")
    assert verdict.stage == "example" and "NotImplementedError" in render(verdict), render(verdict)


@pytest.mark.parametrize("text, stage", [
    ("/* I will write it later */\n", "not started"),
    ("-- later\n# later too\n", "not started"),
    ("/*!50000 SELECT 1 AS Customers */;\n", "example"),  # runs: the server reads it as code
])
def test_a_file_of_comments_only_is_not_started(tmp_path, mysql_available, text, stage):
    assert judge(tmp_path, text).stage == stage


def test_a_byte_order_mark_is_fine(tmp_path, mysql_available):
    verdict = judge(tmp_path, "\ufeff" + CORRECT)
    assert verdict.solved, render(verdict)


def test_a_file_that_is_not_utf8_is_one_line(tmp_path, mysql_available):
    verdict = judge(tmp_path, b"-- caf\xe9\n" + CORRECT.encode())
    assert verdict.headline.endswith("solution.sql is not UTF-8 text (byte 0xe9 on line 1): save it as UTF-8")
    assert render(verdict).count("\n") == 1


def test_a_refused_grant_does_not_read_like_a_failed_login(tmp_path, mysql_available):
    text = render(judge(tmp_path, f"GRANT ALL ON *.* TO CURRENT_USER;\n{CORRECT}"))
    assert "not allowed: the practice user" in text and "using password" not in text, text


def test_an_error_is_shown_once(tmp_path, mysql_available):
    verdict = judge(tmp_path, "SELEC name AS Customers FROM Customers;")
    text = render(verdict)
    assert text.count("error 1064") == 1, text
    assert verdict.headline.endswith("an error on the example tables")


def test_one_generated_input_is_singular(tmp_path, mysql_available):
    verdict = judge(tmp_path, CORRECT, examples=1)
    assert verdict.headline.endswith("the example and 1 generated input agree with the reference")


@pytest.mark.parametrize("query, said", [
    ("SELECT REPEAT('x', 1000000) AS Customers;", "a cell of the result holds 1,000,000 characters"),
    ("SELECT REPEAT('x', 9000) AS Customers FROM (SELECT 1 FROM information_schema.COLUMNS a, "
     "information_schema.COLUMNS b LIMIT 999) AS many;", "more than 8 MB of text"),
])
def test_a_huge_sql_result_is_refused_and_not_printed(tmp_path, mysql_available, query, said):
    text = render(judge(tmp_path, query, limits=Limits(statement_s=2, max_rows=1000)))
    assert said in text and len(text) < 20_000, text[:2000]


@pytest.mark.parametrize("answer, expected", [
    (10**12 + 1, 1e12), (1e12, 10**12 + 1), (2**53 + 1, float(2**53)),
])
def test_an_integer_is_never_equal_to_a_float_a_little_away(answer, expected):
    assert frame_differences(pd.DataFrame({"n": [answer]}), pd.DataFrame({"n": [expected]}))


@pytest.mark.parametrize("answer, expected", [(5, 5.0), (3, 2.9999999999999996), (0.1 + 0.2, 0.3)])
def test_rounding_noise_is_still_equal(answer, expected):
    assert not frame_differences(pd.DataFrame({"n": [answer]}), pd.DataFrame({"n": [expected]}))


def test_the_readme_states_the_limits_the_code_keeps():
    from chapters.practice.child import Caps
    from chapters.practice.workspace import ROOT

    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    limits, caps = Limits(), Caps()
    for said in [f"{limits.statement_s:g} s a statement and {limits.script_s:g} s for the whole script",
                 f"{limits.max_rows:,} rows, {limits.max_bytes // 2**20} MB of text and "
                 f"{limits.max_cell:,} characters a cell",
                 f"{caps.result_rows:,} rows or {caps.result_bytes // 2**20} MB"]:
        assert said in text, f"the README's Practice mode section should say: {said}"


@pytest.mark.parametrize("language", ["python", "sql"])
def test_an_answer_that_ignores_its_input_is_named(tmp_path, language, request):
    """It returns the example's expected rows whatever the tables hold."""
    if language == "sql":
        request.getfixturevalue("mysql_available")
        verdict = judge(tmp_path, "SELECT 'Bruno' AS Customers UNION ALL SELECT 'Dara' UNION ALL "
                                  "SELECT 'Ada' UNION ALL SELECT NULL;")
    else:
        verdict = judge_pandas(tmp_path, "import pandas as pd\n\ndef customers_who_never_order(c, o):\n"
                                         "    return pd.DataFrame({'Customers': ['Bruno', 'Dara', 'Ada', None]})\n")
    text = " ".join(render(verdict).split())
    assert verdict.stage == "generated" and "does it read its input tables?" in text, text


def test_a_right_answer_that_fails_elsewhere_is_not_said_to_ignore_its_input(tmp_path, mysql_available):
    verdict = judge(tmp_path, "SELECT name AS Customers FROM Customers WHERE id NOT IN "
                              "(SELECT customerId FROM Orders WHERE customerId IS NOT NULL) AND id < 5;")
    assert not verdict.solved and "does it read" not in render(verdict), render(verdict)
