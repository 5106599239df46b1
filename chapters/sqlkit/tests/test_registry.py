"""Adding an exercise is adding its files: a throwaway one, in a copy of the layout, is found,
checked both ways and judged, with nothing else edited."""

import textwrap

from chapters.practice.sql_exercise import SqlPractice
from chapters.practice.workspace import Workspace
from chapters.sqlkit import all_exercises
from chapters.sqlkit.registry import discover
from chapters.sqlkit.testing import check_example_pandas, check_example_sql

MODULE = '''
"""9001. Even Numbers: a throwaway exercise made by a test."""

import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.strategies import frame


def even_numbers(numbers: pd.DataFrame) -> pd.DataFrame:
    """The even values."""
    return numbers.loc[(numbers["n"] % 2 == 0).fillna(False), ["n"]]


@wrong("odd, not even", "1. The example tables")
def odd_numbers(numbers: pd.DataFrame) -> pd.DataFrame:
    return numbers.loc[(numbers["n"] % 2 == 1).fillna(False), ["n"]]


def tables():
    n = frame({"id": st.integers(0, 20), "n": st.one_of(st.none(), st.integers(-5, 5))},
              {"id": "Int64", "n": "Int64"}, unique=("id",))
    return st.fixed_dictionaries({"Numbers": n})


EXERCISE = Exercise(
    number=9001, title="Even Numbers", statement="List the even values of n.",
    inputs=("Numbers",), solve=even_numbers, strategy=tables, generate=None,
    hints=("% 2", "= 0"), wrong=(odd_numbers,), expected_dtypes={"n": "Int64"},
)
'''
FILES = {
    "chapters/ch06_filtering/exercises/even_numbers.py": MODULE,
    "sql/ch06/even_numbers/Numbers.sql": "CREATE TABLE Numbers (\n    id INT NOT NULL,\n"
    "    n INT,\n    PRIMARY KEY (id)\n) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n",
    "sql/ch06/even_numbers/solution.sql": "SELECT n FROM Numbers WHERE n % 2 = 0;\n",
    "sql/ch06/even_numbers/wrong/not_odd.sql": "-- trap: NULL is neither odd nor even\n"
    "-- lesson: 3. `IS NULL` next to `isna`\nSELECT n FROM Numbers WHERE NOT n % 2 = 1 OR n IS NULL;\n",
    "data/ch06/even_numbers/Numbers.csv": "id,n\n1,2\n2,3\n3,\\N\n4,-4\n",
    "data/ch06/even_numbers/expected.csv": "n\n2\n-4\n",
}


def make_tree(root):
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))


def test_a_new_exercise_is_found_by_its_files_alone(tmp_path):
    make_tree(tmp_path)
    found = discover(tmp_path)
    assert list(found) == ["even_numbers"]
    exercise = found["even_numbers"]
    assert (exercise.number, exercise.chapter, exercise.root) == (9001, 6, tmp_path)
    assert exercise.tables == {"Numbers": {"id": "Int64", "n": "Int64"}}  # read from the DDL
    assert [w.name for w in exercise.wrong_answers()] == ["odd_numbers", "not_odd"]
    check_example_pandas(exercise)
    assert "even_numbers" not in {e.slug for e in all_exercises()}  # the real tree is untouched


def test_a_new_exercise_is_checked_and_judged(tmp_path, mysql_available):
    make_tree(tmp_path)
    exercise = discover(tmp_path)["even_numbers"]
    from chapters.sqlkit import db

    with db.throwaway_database("test") as engine:
        check_example_sql(exercise, engine)
    practice = SqlPractice(exercise)
    workspace = Workspace(tmp_path / "practice")
    workspace.start(practice)
    folder = workspace.folder(practice)
    (folder / "solution.sql").write_text(exercise.wrong_answers("sql")[0].sql)
    verdict = practice.judge("sql", folder, 20)
    assert not verdict.solved and [w.name for w in verdict.traps] == ["not_odd"]
    (folder / "solution.sql").write_text(exercise.solution_sql)
    assert practice.judge("sql", folder, 20).solved
