"""One exercise: its statement, input tables, pandas solution, SQL solution and expected output.

An exercise lives in three trees, found by its slug (NN is the chapter number, two digits):
    chapters/<chapter package>/exercises/<slug>.py   statement, pandas solution, generators,
                                                     hints, known wrong answers in pandas
    sql/chNN/<slug>/<Table>.sql                      DDL of each input table (the one schema)
    sql/chNN/<slug>/solution.sql                     the MySQL solution, runnable as is
    sql/chNN/<slug>/wrong/<name>.sql                 known wrong answers in SQL
    data/chNN/<slug>/<Table>.csv, expected.csv       example rows (\\N is NULL) and their answer
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import strategies as st
from sqlalchemy.engine import Connection

from chapters.practice.wrong_answers import WrongAnswer, wrong  # noqa: F401  (re-exported)
from chapters.sqlkit import db
from chapters.sqlkit.csvdata import read_csv_frame
from chapters.sqlkit.frames import assert_frames_match
from chapters.sqlkit.schema import dtypes_from_ddl

ROOT = Path(__file__).resolve().parents[2]
Frames = dict[str, pd.DataFrame]


_HEADER = re.compile(r"^--\s*(trap|lesson|ties):\s*(.+?)\s*$", re.MULTILINE)


def wrong_sql(path: Path) -> WrongAnswer:
    """A known wrong answer in SQL: a script whose header says `-- trap:` and `-- lesson:`, and
    `-- ties: ...` (saying why) when its output is one pick among tied rows."""
    text = path.read_text()
    header = dict(_HEADER.findall(text))
    if not {"trap", "lesson"} <= set(header):
        raise ValueError(f"{path}: needs a '-- trap: ...' and a '-- lesson: ...' line")
    return WrongAnswer(path.stem, header["trap"], header["lesson"], "sql", sql=text,
                       picks_among_ties="ties" in header)


@dataclass(frozen=True)
class Exercise:
    """An exercise of the registry; see the chapter 6 README for how scripts use it."""

    number: int  # the LeetCode problem it follows (a reference, not its text)
    title: str
    statement: str  # in our own words
    inputs: tuple[str, ...]  # the input tables, in the order the pandas solution takes them
    solve: Callable[..., pd.DataFrame | None]  # pandas: solve(*frames in table order, **params)
    strategy: Callable[[], st.SearchStrategy[Frames]]  # small input tables for the judge
    generate: Callable[[int, np.random.Generator], Frames]  # big input tables for the benchmark
    hints: tuple[str, ...] = ()  # from gentle to almost the answer
    wrong: tuple[WrongAnswer, ...] = ()  # known wrong answers in pandas (SQL ones are files)
    ordered: bool = False  # does the row order of the answer matter?
    expected_dtypes: dict[str, str] = field(default_factory=dict)  # for reading expected.csv
    params: dict[str, object] = field(default_factory=dict)  # extra arguments, e.g. {"N": 2}
    in_place: str | None = None  # the solution modifies this table; its final state is the answer
    result_sql: str | None = None  # query run after the solution script to read the answer
    sql_stub: str | None = None  # the start of solution.sql for the learner, when it is special
    slug: str = ""  # set by the registry: the module's name, also the folders' names
    chapter: int = 0  # set by the registry: the chapter whose exercises/ holds the module
    root: Path = ROOT  # set by the registry: the tree that holds its sql/ and data/ folders

    def bind(self, slug: str, chapter: int, root: Path = ROOT) -> Exercise:
        """This exercise with the slug, chapter and tree its file's place gives it."""
        return replace(self, slug=db.check_identifier(slug), chapter=chapter, root=root)

    # --- names and files -------------------------------------------------------------------
    @property
    def database(self) -> str:
        """The database the walk-through uses for this exercise: ex0595_big_countries."""
        return db.check_identifier(f"ex{self.number:04d}_{self.slug}")

    @property
    def data_dir(self) -> Path:
        return self.root / "data" / f"ch{self.chapter:02d}" / self.slug

    @property
    def sql_dir(self) -> Path:
        return self.root / "sql" / f"ch{self.chapter:02d}" / self.slug

    def ddl(self, table: str) -> str:
        """The CREATE TABLE statement of one input table."""
        return (self.sql_dir / f"{db.check_identifier(table)}.sql").read_text()

    @property
    def tables(self) -> dict[str, dict[str, str]]:
        """Input table -> {column: pandas dtype}, read from the DDL (the problem's names)."""
        return {table: dtypes_from_ddl(self.ddl(table)) for table in self.inputs}

    @property
    def solution_sql_path(self) -> Path:
        return self.sql_dir / "solution.sql"

    @property
    def solution_sql(self) -> str:
        """The MySQL solution, as a learner would paste it into a client."""
        return self.solution_sql_path.read_text()

    @property
    def pandas_source(self) -> str:
        """The pandas solution's source code."""
        return inspect.getsource(self.solve)

    def wrong_answers(self, language: str | None = None) -> list[WrongAnswer]:
        """The known wrong answers, pandas ones first, then sql/chNN/<slug>/wrong/*.sql."""
        files = sorted((self.sql_dir / "wrong").glob("*.sql"))
        found = [*self.wrong, *(wrong_sql(path) for path in files)]
        return [w for w in found if language is None or w.language == language]

    # --- data ----------------------------------------------------------------------------
    def example_frames(self) -> dict[str, pd.DataFrame]:
        """The example input tables, typed as the exercise declares."""
        return {
            table: read_csv_frame(self.data_dir / f"{table}.csv", dtypes)
            for table, dtypes in self.tables.items()
        }

    def expected(self) -> pd.DataFrame:
        """The hand-written expected output for the example tables."""
        return read_csv_frame(self.data_dir / "expected.csv", self.expected_dtypes)

    # --- running both ways ---------------------------------------------------------------
    def run_pandas(self, frames: Frames, solve: Callable | None = None) -> pd.DataFrame:
        """Call the pandas solution (or `solve`) on copies of `frames` (table name -> DataFrame)."""
        missing = set(self.inputs) - set(frames)
        if missing:
            raise KeyError(f"{self.slug}: missing input tables {sorted(missing)}")
        copies = {table: frames[table].copy() for table in self.inputs}
        result = (solve or self.solve)(*copies.values(), **self.params)
        if self.in_place is not None:
            # The table's final state: the frame the solution changed in place, or, since
            # pandas 3.1 deprecates inplace=True on drop & co., the frame it returns instead.
            final = result if isinstance(result, pd.DataFrame) else copies[self.in_place]
            return final.reset_index(drop=True)
        if not isinstance(result, pd.DataFrame):
            raise TypeError(f"{self.slug}: expected a DataFrame, got {type(result).__name__}")
        return result.reset_index(drop=True)

    def load_examples(self, conn: Connection) -> None:
        """(Re)create the input tables from sql/ and fill them from the CSV files in data/."""
        for table in self.inputs:
            db.load_table(conn, table, self.ddl(table), self.data_dir / f"{table}.csv")

    def load_frames(self, conn: Connection, frames: dict[str, pd.DataFrame]) -> None:
        """(Re)create the input tables and fill them from DataFrames (bound parameters)."""
        for table in self.inputs:
            db.execute_raw(conn, f"DROP TABLE IF EXISTS {db.quote(table)}").close()
            db.execute_script(conn, self.ddl(table))
            db.insert_frame(conn, table, frames[table])

    def run_sql(self, conn: Connection, script: str | None = None) -> pd.DataFrame:
        """Run the SQL solution (or `script`) on the tables loaded in `conn`'s database."""
        statements = db.split_statements(self.solution_sql if script is None else script)
        if self.result_sql is None:
            *setup, query = statements
        else:
            setup, query = statements, self.result_sql
        for statement in setup:
            db.execute_raw(conn, statement).close()
        return db.query_frame(conn, query, self.params if self.result_sql else None)

    def check(self, actual: pd.DataFrame, expected: pd.DataFrame) -> None:
        """Raise AssertionError naming the differing rows (order matters only if `ordered`)."""
        assert_frames_match(actual, expected, check_order=self.ordered)
