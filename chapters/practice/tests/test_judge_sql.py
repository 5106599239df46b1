"""The judge, proven on every SQL exercise and both languages: the stub fails, the reference
passes, and each known wrong answer fails with its trap named."""

import inspect

import pytest

from chapters.practice import catalog
from chapters.practice.workspace import Workspace

EXAMPLES = 25  # a learner's check runs 100; the known wrong answers must fail well before 25
# The reference judged against itself proves the judge's path, not the answer (the shared
# differential test does that): a few inputs are enough.
REFERENCE_EXAMPLES = 8
SQL_EXERCISES = [e for e in catalog.exercises() if e.languages == ("python", "sql")]
each = pytest.mark.parametrize("exercise", SQL_EXERCISES, ids=lambda e: e.slug)
WRONG = [(e, w) for e in SQL_EXERCISES for w in e.exercise.wrong_answers()]


def pandas_file(function, name: str, attribute: str = "") -> str:
    """A solution.py that imports `function` from its module under the name the judge calls."""
    module = inspect.getmodule(function).__name__
    return f"from {module} import {function.__name__} as _answer\n\n{name} = _answer{attribute}\n"


@pytest.fixture
def workspace(tmp_path):
    return Workspace(tmp_path)


def write(workspace, exercise, language: str, text: str):
    folder = workspace.folder(exercise)
    workspace.start(exercise)
    (folder / exercise.files()[language]).write_text(text)
    return folder


@each
@pytest.mark.parametrize("language", ["python", "sql"])
def test_the_stub_fails(exercise, language, workspace, mysql_available):
    workspace.start(exercise)
    verdict = exercise.judge(language, workspace.folder(exercise), EXAMPLES)
    assert not verdict.solved and verdict.stage == "not started", verdict.headline


@each
def test_the_pandas_reference_passes(exercise, workspace):
    folder = write(workspace, exercise, "python", pandas_file(exercise.exercise.solve, exercise.slug))
    verdict = exercise.judge("python", folder, REFERENCE_EXAMPLES)
    assert verdict.solved, verdict.headline


@each
def test_the_sql_reference_passes(exercise, workspace, mysql_available):
    folder = write(workspace, exercise, "sql", exercise.exercise.solution_sql)
    verdict = exercise.judge("sql", folder, REFERENCE_EXAMPLES)
    assert verdict.solved, verdict.headline


@pytest.mark.parametrize(
    "exercise, answer", WRONG, ids=[f"{e.slug}-{w.language}-{w.name}" for e, w in WRONG]
)
def test_each_known_wrong_answer_fails_with_its_trap_named(exercise, answer, workspace, request):
    if answer.language == "sql":
        request.getfixturevalue("mysql_available")
        text = answer.sql
    else:
        text = pandas_file(answer.solve, exercise.slug, ".solve")  # the module holds WrongAnswers
    folder = write(workspace, exercise, answer.language, text)
    verdict = exercise.judge(answer.language, folder, EXAMPLES)
    assert not verdict.solved and verdict.stage in ("example", "generated"), verdict.headline
    assert answer in verdict.traps, f"{verdict.headline}; traps named: {verdict.traps}"


LARGEST_ORDERS = next(e for e in SQL_EXERCISES if e.slug == "largest_orders")
PICK_BY = (
    "SELECT customer_number FROM Orders GROUP BY customer_number "
    "ORDER BY COUNT(*) DESC, customer_number {} LIMIT {};"
)
PANDAS_PICK_BY = """
def largest_orders(orders):
    counts = orders.groupby("customer_number").size().sort_index(ascending={})
    top = counts.sort_values(ascending=False, kind="stable").head({})
    return top.index.to_frame(index=False)
"""


@pytest.mark.parametrize("language, text, named", [
    ("sql", PICK_BY.format("ASC", 1), True),  # customers tie for the most orders: either pick
    ("sql", PICK_BY.format("DESC", 1), True),  # is the LIMIT 1 trap, whichever one it keeps
    ("sql", PICK_BY.format("ASC", 2), False),  # two rows: another mistake
    ("python", PANDAS_PICK_BY.format(True, 1), True),
    ("python", PANDAS_PICK_BY.format(False, 1), True),
    ("python", PANDAS_PICK_BY.format(True, 2), False),
])
def test_a_pick_among_ties_is_named_whichever_tied_row_it_keeps(language, text, named, workspace, request):
    if language == "sql":
        request.getfixturevalue("mysql_available")
    folder = write(workspace, LARGEST_ORDERS, language, text)
    verdict = LARGEST_ORDERS.judge(language, folder, EXAMPLES)
    assert not verdict.solved, verdict.headline
    traps = [answer.name for answer in verdict.traps]
    assert traps == ([{"sql": "limit_1", "python": "top_row_only"}[language]] if named else []), traps
