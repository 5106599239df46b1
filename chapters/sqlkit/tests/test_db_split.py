"""split_statements: quotes, comments, several statements a line, DELIMITER; the repo's scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from chapters.sqlkit import db
from common.markdown import code_blocks

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"]),
        ("SELECT 'a;b' AS x;", ["SELECT 'a;b' AS x"]),
        ('SELECT "a;b";', ['SELECT "a;b"']),
        ("SELECT `a;b` FROM t;", ["SELECT `a;b` FROM t"]),
        ("SELECT 'it''s; fine'; SELECT 2", ["SELECT 'it''s; fine'", "SELECT 2"]),
        (r"SELECT 'a\'; b'; SELECT 2", [r"SELECT 'a\'; b'", "SELECT 2"]),
        (r"SELECT 'a\\'; SELECT 2", [r"SELECT 'a\\'", "SELECT 2"]),
        ("SELECT `a``;b`; SELECT 2", ["SELECT `a``;b`", "SELECT 2"]),
        ("SELECT 1; -- done; really\nSELECT 2;", ["SELECT 1", "SELECT 2"]),
        ("SELECT 1 # a note; here\n;", ["SELECT 1 # a note; here"]),
        ("SELECT 1 /* ; */ + 1; SELECT 2", ["SELECT 1 /* ; */ + 1", "SELECT 2"]),
        ("SELECT 1--1; SELECT 2", ["SELECT 1--1", "SELECT 2"]),  # `--` needs a space after it
        ("SELECT 1;\n-- only a comment;\n", ["SELECT 1"]),
        (
            "DELIMITER $$\nCREATE FUNCTION f() RETURNS TEXT DETERMINISTIC\n"
            "BEGIN\n  RETURN 'a$$;b';\nEND$$\nDELIMITER ;\nSELECT f(); SELECT 2;",
            [
                "CREATE FUNCTION f() RETURNS TEXT DETERMINISTIC\nBEGIN\n  RETURN 'a$$;b';\nEND",
                "SELECT f()",
                "SELECT 2",
            ],
        ),
    ],
)
def test_delimiters_inside_literals_and_comments_do_not_split(script, expected):
    assert db.split_statements(script) == expected


def test_a_script_with_such_statements_runs_on_the_server(throwaway_db):
    script = (
        "CREATE TABLE `t;1` (s VARCHAR(20)); INSERT INTO `t;1` VALUES ('a;b'), ('it''s;'); "
        "-- a comment; with a semicolon\n"
        "INSERT INTO `t;1` VALUES ('c\\\\;d') /* ; */; # another; one\n"
        "DELIMITER //\nCREATE FUNCTION semis() RETURNS INT READS SQL DATA\n"
        "BEGIN\n  DECLARE n INT;\n  SELECT COUNT(*) INTO n FROM `t;1` WHERE s LIKE '%;%';\n"
        "  RETURN n;\nEND //\nDELIMITER ;\n"
    )
    with throwaway_db.begin() as conn:
        db.execute_script(conn, script)
        values = db.query_frame(conn, "SELECT s FROM `t;1` ORDER BY s")["s"].tolist()
        count = db.query_frame(conn, "SELECT semis() AS n").loc[0, "n"]
    assert values == ["a;b", "c\\;d", "it's;"]
    assert count == 3


def _line_splitter(script: str) -> list[str]:
    """The splitter as it was before the scanner: a statement ends at a line's end."""
    statements, current, delimiter = [], [], ";"
    for line in script.splitlines():
        stripped = line.strip()
        if stripped.upper().startswith("DELIMITER "):
            delimiter = stripped.split(None, 1)[1]
            continue
        if stripped.startswith("--") and not current:
            continue
        if stripped.endswith(delimiter):
            current.append(line.rstrip()[: -len(delimiter)])
            statements.append("\n".join(current).strip())
            current = []
        else:
            current.append(line)
    statements.append("\n".join(current).strip())
    return [statement for statement in statements if statement]


def _code(statements: list[str]) -> list[str]:
    """The statements without the comment lines that lead them (the server ignores those)."""
    kept = []
    for statement in statements:
        lines = statement.splitlines()
        while lines and (not lines[0].strip() or lines[0].strip().startswith(("--", "#"))):
            lines.pop(0)
        if lines:
            kept.append("\n".join(lines).strip())
    return kept


def _scripts() -> list[tuple[str, str]]:
    files = sorted(ROOT.glob("sql/**/*.sql")) + sorted(ROOT.glob("chapters/*/solutions/*.sql"))
    scripts = [(str(path.relative_to(ROOT)), path.read_text()) for path in files]
    for readme in sorted(ROOT.glob("chapters/*/README.md")):
        for i, block in enumerate(code_blocks(readme, "sql"), start=1):
            scripts.append((f"{readme.relative_to(ROOT)}#sql{i}", block))
    return scripts


SCRIPTS = _scripts()


@pytest.mark.parametrize(("name", "script"), SCRIPTS, ids=[name for name, _ in SCRIPTS])
def test_the_repos_scripts_split_as_before(name, script):
    assert _code(db.split_statements(script)) == _code(_line_splitter(script))


def test_the_stored_function_of_177_stays_one_statement():
    from chapters.sqlkit import get

    statements = db.split_statements(get("nth_highest_salary").solution_sql)
    assert [s.split()[:2] for s in statements] == [["DROP", "FUNCTION"], ["CREATE", "FUNCTION"]]
    assert statements[1].rstrip().endswith("END") and statements[1].count(";") == 4


def test_every_solution_runs_statement_by_statement(module_db):
    from chapters.sqlkit import all_exercises  # the registry knows each solution's tables

    for exercise in all_exercises():
        with module_db.begin() as conn:
            exercise.load_examples(conn)
            for statement in db.split_statements(exercise.solution_sql):
                db.execute_raw(conn, statement).close()
