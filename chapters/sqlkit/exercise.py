"""One exercise: its statement, input tables, pandas solution, SQL solution and expected output.

Files, by convention (N is the chapter number, two digits):
    sql/chN/<slug>/<Table>.sql              DDL of each input table
    data/chN/<slug>/<Table>.csv             example rows (\\N is NULL)
    data/chN/<slug>/expected.csv            the expected output, written by hand
    chapters/<chapter package>/solutions/<slug>.sql   the MySQL solution, runnable as is
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy.engine import Connection

from chapters import package_for
from common import db
from common.csvdata import read_csv_frame
from common.frames import assert_frames_match

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Exercise:
    """An exercise of the registry; see the chapter 6 README for how scripts use it."""

    slug: str  # short name, also the file names: "big_countries"
    number: int  # the LeetCode problem it follows (a reference, not its text)
    title: str
    chapter: int
    statement: str  # in our own words
    tables: dict[str, dict[str, str]]  # input table -> {column: pandas dtype}, problem's names
    solve: Callable[..., pd.DataFrame | None]  # pandas: solve(*frames in table order, **params)
    ordered: bool = False  # does the row order of the answer matter?
    expected_dtypes: dict[str, str] = field(default_factory=dict)  # for reading expected.csv
    params: dict[str, object] = field(default_factory=dict)  # extra arguments, e.g. {"N": 2}
    in_place: str | None = None  # the solution modifies this table; its final state is the answer
    result_sql: str | None = None  # query run after the solution script to read the answer
    generate: Callable[[int, np.random.Generator], dict[str, pd.DataFrame]] | None = None

    # --- names and files -------------------------------------------------------------------
    @property
    def database(self) -> str:
        """The database the walk-through uses for this exercise: ex0595_big_countries."""
        return db.check_identifier(f"ex{self.number:04d}_{self.slug}")

    @property
    def data_dir(self) -> Path:
        return ROOT / "data" / f"ch{self.chapter:02d}" / self.slug

    def ddl(self, table: str) -> str:
        """The CREATE TABLE statement of one input table."""
        return (ROOT / "sql" / f"ch{self.chapter:02d}" / self.slug / f"{table}.sql").read_text()

    @property
    def solution_sql_path(self) -> Path:
        return ROOT / "chapters" / package_for(self.chapter) / "solutions" / f"{self.slug}.sql"

    @property
    def solution_sql(self) -> str:
        """The MySQL solution, as a learner would paste it into a client."""
        return self.solution_sql_path.read_text()

    @property
    def pandas_source(self) -> str:
        """The pandas solution's source code."""
        return inspect.getsource(self.solve)

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
    def run_pandas(self, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
        """Call the pandas solution on copies of `frames` (a dict: table name -> DataFrame)."""
        missing = set(self.tables) - set(frames)
        if missing:
            raise KeyError(f"{self.slug}: missing input tables {sorted(missing)}")
        copies = {table: frames[table].copy() for table in self.tables}
        result = self.solve(*copies.values(), **self.params)
        if self.in_place is not None:
            # The table's final state: the frame the solution changed in place, or, since
            # pandas 3.1 deprecates inplace=True on drop & co., the frame it returns instead.
            final = result if isinstance(result, pd.DataFrame) else copies[self.in_place]
            return final.reset_index(drop=True)
        if not isinstance(result, pd.DataFrame):
            raise TypeError(f"{self.slug}: the pandas solution returned {type(result).__name__}")
        return result.reset_index(drop=True)

    def load_examples(self, conn: Connection) -> None:
        """(Re)create the input tables from sql/ and fill them from the CSV files in data/."""
        for table in self.tables:
            db.load_table(conn, table, self.ddl(table), self.data_dir / f"{table}.csv")

    def load_frames(self, conn: Connection, frames: dict[str, pd.DataFrame]) -> None:
        """(Re)create the input tables and fill them from DataFrames (bound parameters)."""
        for table in self.tables:
            db.execute_raw(conn, f"DROP TABLE IF EXISTS {db.quote(table)}").close()
            db.execute_script(conn, self.ddl(table))
            db.insert_frame(conn, table, frames[table])

    def run_sql(self, conn: Connection) -> pd.DataFrame:
        """Run the SQL solution on the tables loaded in `conn`'s database; return the answer."""
        statements = db.split_statements(self.solution_sql)
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
