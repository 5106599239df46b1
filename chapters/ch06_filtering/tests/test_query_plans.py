"""The query-plan lesson (query_plans.md): every claim it makes about a plan, on the server.

Tables come from each exercise's own generator, a few thousand rows: enough for the
optimizer to choose the plans the lesson shows, small enough to load in a blink.
"""

import re
from pathlib import Path

import numpy as np
import pytest

from chapters.sqlkit import bench, db, tuning
from chapters.sqlkit.frames import frame_differences
from chapters.sqlkit.registry import all_exercises

ROWS = 3000
LESSON = Path(__file__).resolve().parents[1] / "query_plans.md"
TUNED = [e for e in all_exercises() if tuning.index_scripts(e)]
BY_SLUG = {e.slug: e for e in all_exercises()}
ANTI_JOIN = (
    "SELECT c.name AS Customers FROM Customers AS c "
    "LEFT JOIN Orders AS o ON o.customerId = c.id WHERE o.id IS NULL"
)


def loaded(conn, exercise, rows: int = ROWS):
    """Load the exercise's generated tables into `conn`'s database; return the frames."""
    frames = exercise.generate(rows, np.random.default_rng(0))
    bench.load(conn, exercise, frames)
    return frames


def main_statement(exercise) -> str:
    """The statement that does the work: the query, or the DELETE of an in-place exercise."""
    setup, query, _ = bench.script_parts(exercise)
    return setup[-1] if exercise.in_place else query


def plan(conn, statement: str) -> list[dict]:
    """EXPLAIN's rows as dicts (id, select_type, table, type, key, rows, Extra, ...)."""
    result = db.execute_raw(conn, f"EXPLAIN {statement}")
    names = list(result.keys())
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def row_for(rows: list[dict], table: str) -> dict:
    (found,) = [r for r in rows if r["table"] == table]
    return found


def index_names(exercise) -> list[str]:
    text = " ".join(path.read_text() for path in tuning.index_scripts(exercise))
    return re.findall(r"CREATE INDEX\s+(\w+)", text, re.IGNORECASE)


def is_mariadb(conn) -> bool:
    return bench.server_kind(conn) == "mariadb"


@pytest.mark.parametrize("exercise", TUNED, ids=lambda e: e.slug)
def test_the_plan_uses_every_tuning_index(module_db, exercise):
    with module_db.connect() as conn:
        loaded(conn, exercise)
        assert not {r["key"] for r in plan(conn, main_statement(exercise))} & set(
            index_names(exercise)
        )
        tuning.create_indexes(conn, exercise)
        keys = {r["key"] for r in plan(conn, main_statement(exercise))}
        assert set(index_names(exercise)) <= keys


@pytest.mark.parametrize("exercise", TUNED, ids=lambda e: e.slug)
def test_tuning_keeps_the_answer(module_db, exercise):
    with module_db.connect() as conn:
        frames = loaded(conn, exercise)
        want = exercise.run_pandas(frames)
        before = exercise.run_sql(conn)
        if exercise.in_place:
            loaded(conn, exercise)
        tuning.create_indexes(conn, exercise)
        after = exercise.run_sql(conn, tuning.script(exercise, "after"))
        conn.commit()
    assert frame_differences(want, before, check_order=exercise.ordered) == []
    assert frame_differences(want, after, check_order=exercise.ordered) == []


def test_176_rewrite_reads_both_maxima_from_the_index(module_db):
    exercise = BY_SLUG["second_highest_salary"]
    rewrite = tuning.rewrite_script(exercise)
    assert rewrite is not None
    (query,) = db.split_statements(rewrite)
    with module_db.connect() as conn:
        loaded(conn, exercise)
        before = plan(conn, query)
        solution_before = exercise.run_sql(conn)
        tuning.create_indexes(conn, exercise)
        after = plan(conn, query)
        solution_after = row_for(plan(conn, main_statement(exercise)), "Employee")
        # Fewer than two distinct salaries: both forms answer NULL.
        db.execute_raw(conn, "UPDATE Employee SET salary = 7").close()
        edge = (exercise.run_sql(conn), exercise.run_sql(conn, rewrite))
        mariadb = is_mariadb(conn)
        conn.commit()
    assert {r["type"] for r in before if r["table"] == "Employee"} == {"ALL"}
    assert all(r["Extra"] == "Select tables optimized away" for r in after)
    if mariadb:  # MariaDB 10.11 still collects and sorts every distinct salary for the original
        assert "Using temporary" in solution_after["Extra"]
    assert frame_differences(solution_before, exercise.run_pandas(loaded_frames(exercise))) == []
    assert edge[0].iloc[0, 0] is None and edge[1].iloc[0, 0] is None


def loaded_frames(exercise, rows: int = ROWS):
    return exercise.generate(rows, np.random.default_rng(0))


def test_every_tuned_exercise_is_in_the_lesson():
    text = LESSON.read_text()
    for exercise in TUNED:
        assert exercise.slug in text, exercise.slug


def test_183_without_an_index_scans_orders(module_db):
    exercise = BY_SLUG["customers_who_never_order"]
    with module_db.connect() as conn:
        loaded(conn, exercise)
        orders = row_for(plan(conn, main_statement(exercise)), "o")
    assert orders["type"] == "ALL" and orders["key"] is None


def test_wrapping_183_in_count_changes_its_plan(module_db):
    exercise = BY_SLUG["customers_who_never_order"]
    with module_db.connect() as conn:
        if not is_mariadb(conn):
            pytest.skip("the plans below are MariaDB's; MySQL 8 turns both into an antijoin")
        loaded(conn, exercise)
        bare = row_for(plan(conn, main_statement(exercise)), "o")
        wrapped = plan(conn, f"SELECT COUNT(*) FROM ({main_statement(exercise)}) AS t")
    assert bare["select_type"] == "MATERIALIZED"
    assert row_for(wrapped, "o")["select_type"] == "DEPENDENT SUBQUERY"


def test_the_anti_join_rewrite_returns_the_same_rows_and_looks_each_customer_up(module_db):
    exercise = BY_SLUG["customers_who_never_order"]
    with module_db.connect() as conn:
        frames = loaded(conn, exercise)
        # A NULL customerId must not hide anyone (the trap NOT IN falls into).
        db.execute_raw(conn, "UPDATE Orders SET customerId = NULL WHERE id % 7 = 0").close()
        frames["Orders"] = frames["Orders"].astype({"customerId": "Int64"})
        frames["Orders"].loc[frames["Orders"]["id"] % 7 == 0, "customerId"] = None
        tuning.create_indexes(conn, exercise)
        solution = exercise.run_sql(conn)
        rewrite = db.query_frame(conn, ANTI_JOIN)
        orders = row_for(plan(conn, ANTI_JOIN), "o")
        conn.commit()
    assert frame_differences(exercise.run_pandas(frames), solution) == []
    assert frame_differences(solution, rewrite) == []
    assert orders["type"] == "ref" and orders["key"] == "idx_orders_customerId"
    assert "Not exists" in orders["Extra"]


def test_596_groups_in_a_temporary_table_until_class_is_indexed(module_db):
    exercise = BY_SLUG["classes_more_than_5"]
    with module_db.connect() as conn:
        loaded(conn, exercise)
        (before,) = plan(conn, main_statement(exercise))
        tuning.create_indexes(conn, exercise)
        (after,) = plan(conn, main_statement(exercise))
    assert "Using temporary" in before["Extra"]
    assert "Using temporary" not in after["Extra"] and "Using index" in after["Extra"]


def test_196_compares_every_pair_until_email_is_indexed(module_db):
    exercise = BY_SLUG["delete_duplicate_emails"]
    with module_db.connect() as conn:
        loaded(conn, exercise)
        before = row_for(plan(conn, main_statement(exercise)), "p2")
        tuning.create_indexes(conn, exercise)
        after = row_for(plan(conn, main_statement(exercise)), "p2")
    assert before["key"] is None and before["type"] == "ALL"
    assert after["type"] == "ref" and after["key"] == "idx_person_email"


def profile_states(conn, statement: str) -> set[str]:
    """The stages SHOW PROFILE lists for one run of `statement`."""
    db.execute_raw(conn, "SET SESSION profiling = 1").close()
    db.execute_raw(conn, statement).fetchall()
    query_id = db.execute_raw(conn, "SHOW PROFILES").fetchall()[-1][0]
    states = {row[0] for row in db.execute_raw(conn, f"SHOW PROFILE FOR QUERY {query_id}")}
    db.execute_raw(conn, "SET SESSION profiling = 0").close()
    return states


def test_a_temporary_table_past_its_memory_limit_moves_to_disk(module_db):
    exercise = BY_SLUG["classes_more_than_5"]
    with module_db.connect() as conn:
        if not is_mariadb(conn):
            pytest.skip("'Converting HEAP to Aria' is MariaDB's stage name")
        loaded(conn, exercise)
        # The smallest limits the server takes stand in for 16 MiB at a million rows.
        db.execute_raw(conn, "SET SESSION max_heap_table_size = 16384").close()
        db.execute_raw(conn, "SET SESSION tmp_table_size = 16384").close()
        small = profile_states(conn, main_statement(exercise))
        for statement in tuning.session_settings("after"):
            db.execute_raw(conn, statement).close()
        tuned = profile_states(conn, main_statement(exercise))
    assert "Converting HEAP to Aria" in small
    assert "Converting HEAP to Aria" not in tuned


def test_a_selective_lookup_reads_a_few_rows_through_the_index(module_db):
    exercise = BY_SLUG["customers_who_never_order"]
    with module_db.connect() as conn:
        loaded(conn, exercise)
        tuning.create_indexes(conn, exercise)
        (lookup,) = plan(conn, "SELECT id FROM Orders WHERE customerId = 42")
    assert lookup["type"] == "ref" and lookup["key"] == "idx_orders_customerId"
    assert int(lookup["rows"]) < ROWS // 100


def test_595_reads_the_whole_table_even_with_an_index_on_each_column(module_db):
    exercise = BY_SLUG["big_countries"]
    with module_db.connect() as conn:
        loaded(conn, exercise)
        db.execute_raw(conn, "CREATE INDEX idx_world_area ON World (area)").close()
        db.execute_raw(conn, "CREATE INDEX idx_world_population ON World (population)").close()
        (world,) = plan(conn, main_statement(exercise))
    assert world["type"] == "ALL" and world["key"] is None


@pytest.mark.parametrize(
    "slug, table, access",
    [
        ("immediate_food_delivery", "Delivery", "ALL"),  # one average over every row
        ("replace_employee_id", "e", "ALL"),  # every employee is in the answer
        ("replace_employee_id", "u", "ref"),  # each one found by the primary key
    ],
)
def test_exercises_that_answer_from_every_row_read_every_row(module_db, slug, table, access):
    exercise = BY_SLUG[slug]
    with module_db.connect() as conn:
        loaded(conn, exercise)
        row = row_for(plan(conn, main_statement(exercise)), table)
    assert row["type"] == access


def test_511_streams_the_primary_key_in_player_order(module_db):
    exercise = BY_SLUG["game_play_analysis_i"]
    with module_db.connect() as conn:
        loaded(conn, exercise)
        (activity,) = plan(conn, main_statement(exercise))
    assert activity["key"] == "PRIMARY" and "Using index" in activity["Extra"]
    assert "Using temporary" not in activity["Extra"]
    assert "Using filesort" not in activity["Extra"]


def test_1280_groups_by_the_binary_name_with_a_sort_even_when_the_column_is_indexed(module_db):
    exercise = BY_SLUG["students_and_examinations"]
    statement = "CREATE INDEX idx_exams_student_subject ON Examinations (student_id, subject_name)"
    with module_db.connect() as conn:
        loaded(conn, exercise)
        db.execute_raw(conn, statement).close()
        exams = row_for(plan(conn, main_statement(exercise)), "Examinations")
    # The index is read instead of the table, but it is sorted by the _ci collation, and the
    # query groups by the name under utf8mb4_bin: the groups still need a temporary table.
    assert exams["key"] == "idx_exams_student_subject"
    assert "Using temporary" in exams["Extra"]
