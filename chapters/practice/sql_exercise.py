"""An SQL chapter's exercise in practice mode: its files, and the judge for pandas and for SQL."""

from __future__ import annotations

import inspect
from functools import partial
from pathlib import Path

import pandas as pd
from rich.columns import Columns
from rich.syntax import Syntax
from rich.text import Text

from chapters.practice.child import LearnerCode, Outcome
from chapters.practice.judge import Abort, smallest_failure
from chapters.practice.verdict import Verdict, example_note, plural, trap_note
from chapters.sqlkit import db
from chapters.sqlkit.csvdata import read_csv_rows
from chapters.sqlkit.exercise import Exercise
from chapters.sqlkit.frames import frame_differences, is_part_of
from chapters.sqlkit.walkthrough import frame_table

LANGUAGES = {"python": "solution.py", "sql": "solution.sql"}
LABEL = {"python": "pandas", "sql": "SQL"}


def markdown_table(frame: pd.DataFrame) -> str:
    """A DataFrame as a Markdown table, NULL spelled out."""
    cell = lambda v: "NULL" if pd.isna(v) else str(v).replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(map(str, frame.columns)) + " |"]
    lines.append("|" + "---|" * len(frame.columns))
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.astype(object).values]
    return "\n".join(lines)


class SqlPractice:
    """Practice mode for one exercise of the registry (chapters.sqlkit)."""

    languages = tuple(LANGUAGES)

    def __init__(self, exercise: Exercise, limits=None, python_timeout_s=10.0):
        # limits: a sandbox.Limits (None: its defaults); the sandbox and its driver are imported
        # by the SQL half's check alone
        self.limits, self.python_timeout_s = limits, python_timeout_s
        self.exercise = exercise
        self.slug, self.number, self.chapter = exercise.slug, exercise.number, exercise.chapter
        self.title, self.hints = exercise.title, exercise.hints

    @property
    def name(self) -> str:
        return f"{self.number} {self.slug}"

    def files(self) -> dict[str, str]:
        return LANGUAGES

    # --- what the learner gets ---------------------------------------------------------------
    def output_columns(self) -> list[str]:
        return read_csv_rows(self.exercise.data_dir / "expected.csv")[0]

    def signature(self) -> str:
        """def slug(customers: pd.DataFrame, ...) -> pd.DataFrame, from the reference's names."""
        parameters = list(inspect.signature(self.exercise.solve).parameters)
        tables = [f"{name}: pd.DataFrame" for name in parameters[: len(self.exercise.inputs)]]
        extra = [f"{k}: {type(v).__name__}" for k, v in self.exercise.params.items()]
        returns = "pd.DataFrame | None" if self.exercise.in_place else "pd.DataFrame"
        return f"def {self.slug}({', '.join(tables + extra)}) -> {returns}:"

    def stubs(self) -> dict[str, str]:
        ex = self.exercise
        py = (
            f'"""{ex.number}. {ex.title}: your pandas answer (the task is in README.md here).\n\n'
            f'Check it with `make check EX={ex.number}`; stuck? `make hint EX={ex.number}`.\n"""\n\n'
            "import pandas as pd\n\n\n"
            f"{self.signature()}\n"
            f'    """Return the columns {", ".join(self.output_columns())}."""\n'
            '    raise NotImplementedError("write your answer here")\n'
        )
        tables = ", ".join(f"{t}({', '.join(d)})" for t, d in ex.tables.items())
        sql = (
            f"-- {ex.number}. {ex.title}: your MySQL answer (the task is in README.md here).\n"
            f"-- Input tables: {tables}\n"
            f"-- Output columns: {', '.join(self.output_columns())}\n"
            f"-- Check it with `make check EX={ex.number} ONLY=sql`.\n\n"
            + (ex.sql_stub.strip() + "\n" if ex.sql_stub else "")
        )
        return {"solution.py": py, "solution.sql": sql}

    def references(self) -> dict[str, str]:
        return {"solution.py": self.exercise.pandas_source, "solution.sql": self.exercise.solution_sql}

    def readme(self) -> str:
        ex = self.exercise
        parts = [f"# {ex.number}. {ex.title}", "", " ".join(ex.statement.split()), "",
                 "## Input tables", ""]
        for table in ex.inputs:
            parts += ["```sql", ex.ddl(table).strip(), "```", ""]
        for table, frame in ex.example_frames().items():
            parts += [f"Example `{table}`:", "", markdown_table(frame), ""]
        order = "in this order" if ex.ordered else "in any order"
        parts += [f"## Expected output for the example ({order})", "",
                  markdown_table(ex.expected()), "",
                  "## Your files", "",
                  f"* `solution.py`: `{self.signature()[4:-1]}`",
                  "* `solution.sql`: a script whose last statement returns the answer"
                  + (" (the judge then reads the result itself)" if ex.result_sql else ""), "",
                  "## Commands", "",
                  f"* `make check EX={ex.number}` (both files; `ONLY=python` or `ONLY=sql` for one)",
                  f"* `make watch EX={ex.number}` re-checks on every save",
                  f"* `make hint EX={ex.number}` the next hint; `make reveal EX={ex.number}` "
                  "the reference answers", ""]
        return "\n".join(parts)

    # --- the judge ----------------------------------------------------------------------------
    def judge(self, language: str, folder: Path, examples: int = 100, progress=None) -> Verdict:
        """The verdict on one half; `progress(line)`, if given, hears of the example first."""
        path = folder / LANGUAGES[language]
        progress = progress or (lambda line: None)
        if language == "python":
            return self._judge_pandas(path, examples, progress)
        return self._judge_sql(path, examples, progress)

    def _judge_pandas(self, path: Path, examples: int, progress) -> Verdict:
        ex = self.exercise
        with LearnerCode(path, ex.slug, partial(_run_learner, ex), self.python_timeout_s) as code:
            started = code.start()
            if not started.ok:
                return self._error("python", f"{path.name} does not load", started)
            wrong = {w: partial(ex.run_pandas, solve=w.solve) for w in ex.wrong_answers("python")}
            verdict = self._verdict("python", code.call, ex.run_pandas, wrong, examples, progress)
            return verdict.with_output(code.printed())

    def _judge_sql(self, path: Path, examples: int, progress) -> Verdict:
        ex = self.exercise
        try:
            script = read_script(path)
        except ValueError as error:
            return Verdict(False, f"{self.name}, SQL: {error}", stage="error")
        if not db.split_statements(script):
            return Verdict(False, f"{self.name}, SQL: not started yet: write your answer in "
                           f"{path}", stage="not started")
        from chapters.sqlkit.sandbox import Sandbox

        try:
            with Sandbox(self.limits) as box:
                learner = partial(_run_learner_sql, ex, box, script)
                reference = partial(_run_sql_as_admin, ex, box, None)
                wrong = {w: partial(_run_sql_as_admin, ex, box, w.sql) for w in ex.wrong_answers("sql")}
                return self._verdict("sql", learner, reference, wrong, examples, progress)
        except db.ServerUnavailable as error:
            return Verdict(False, f"{self.name}, SQL: this half needs a server. {error}", stage="error")

    def _error(self, language: str, what: str, outcome: Outcome, stage: str = "error") -> Verdict:
        detail = Syntax(outcome.error, "pytb", theme="ansi_dark") if language == "python" else Text(outcome.error)
        return Verdict(False, f"{self.name}, {LABEL[language]}: {what}", [detail], stage=stage)

    def _verdict(self, language, answer, reference, wrong, examples, progress) -> Verdict:
        ex, label = self.exercise, LABEL[language]
        differences = partial(frame_differences, check_order=ex.ordered)
        example, expected = ex.example_frames(), ex.expected()
        try:
            got = answer(example)
        except Abort as stop:
            return self._stopped(label, stop)
        if got.not_started:
            return Verdict(False, f"{self.name}, {label}: not started yet: write your answer",
                           stage="not started")
        if got.timed_out:
            return self._error(language, "ran over its time limit on the example tables", got)
        details, failing = [], None
        problems = [_error_line(got, expected)] if not got.ok else differences(got.value, expected)
        if problems:
            details += [Text("On the example tables:", style="bold"),
                        _problems(problems), *_side_by_side(expected, got)]
            failing = (example, got, expected)
        if not got.ok:  # an error on the example is the first thing to fix: shown once, alone
            return Verdict(False, f"{self.name}, {label}: an error on the example tables", details,
                           stage="example")
        progress(example_note(problems, examples))
        try:
            tried = [0]
            failure = smallest_failure(ex.strategy(), answer, reference, differences, examples, tried)
        except Abort as stop:
            return self._stopped(label, stop, details)
        if failure is not None:
            rows = sum(len(frame) for frame in failure.example.values())
            if not failure.actual.ok:
                failure.problems = [_error_line(failure.actual, failure.expected)]
            details += [Text(f"The smallest input on which your answer differs ({rows} "
                             f"{plural(rows, 'row')} in all):", style="bold"),
                        _tables(failure.example), _problems(failure.problems),
                        *_side_by_side(failure.expected, failure.actual)]
            failing = (failure.example, failure.actual, failure.expected)
        if failing is None:
            return Verdict(True, f"{self.name}, {label}: solved: the example and {tried[0]} "
                           f"generated {plural(tried[0], 'input')} agree with the reference",
                           stage="solved")
        traps = self._traps(*failing, wrong)
        details += [trap_note(trap, ex.chapter) for trap in traps]
        if failure is not None and ignores_its_input(got, expected, failure, ex.ordered):
            details.append(Text("Your answer gave the same rows on the example tables and on this "
                                "input, where the reference's differ: does it read its input tables?",
                                style="bold yellow"))
        where = "on the example tables" if problems else "on a generated input"
        stage = "example" if problems else "generated"
        if not problems and not failure.actual.ok:
            where = "with an error on a generated input"
        return Verdict(False, f"{self.name}, {label}: wrong answer {where}", details, traps, stage)

    def _stopped(self, label: str, stop: Abort, details: list | None = None) -> Verdict:
        """The search stopped at once: a time-out, or an input the judge could not prepare."""
        what = "ran over its time limit" if stop.outcome.timed_out else "the judge had to stop"
        details = (details or []) + [Text(f"Stopped: {stop.outcome.error}, on this input:",
                                          style="bold"), _tables(stop.example)]
        return Verdict(False, f"{self.name}, {label}: {what}", details, stage="error")

    def _traps(self, example, got: Outcome, expected: pd.DataFrame, wrong) -> list:
        """The known wrong answers whose output on `example` is the learner's output (for one
        that picks among tied rows: as many rows as it gives, all of them expected rows)."""
        if not got.ok:
            return []
        found = []
        for answer, run in wrong.items():
            output = run(example)
            if not frame_differences(got.value, output, check_order=self.exercise.ordered) or (
                answer.picks_among_ties and len(got.value) == len(output)
                and is_part_of(got.value, expected)
            ):
                found.append(answer)
        return found


def _run_learner(exercise: Exercise, function, frames) -> pd.DataFrame:
    """In the child: the learner's function on the frames, as the reference would be called."""
    return exercise.run_pandas(frames, solve=function)


def read_script(path: Path) -> str:
    """The learner's SQL file as text: UTF-8, a byte-order mark allowed; else a one-line error."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ValueError(f"{path.name} is not UTF-8 text (byte {data[error.start]:#04x} on line "
                         f"{line}): save it as UTF-8") from None


def _run_learner_sql(exercise: Exercise, box, script: str, frames) -> Outcome:
    """The learner's script on the frames, as their own user in the sandbox: the result query
    of an exercise that has one (a function to call, a table to read) too."""
    from chapters.sqlkit.sandbox import LearnerSqlError, SandboxError

    try:
        box.fill_learner(exercise, frames)
    except SandboxError as error:
        raise Abort(Outcome(error=f"the judge could not prepare the input tables: {error}"),
                    frames) from None
    try:
        result = box.run_learner(script, exercise.result_sql, exercise.params)
    except LearnerSqlError as error:
        return Outcome(error=str(error), timed_out=error.timed_out, rows=error.rows)
    if result is None:
        return Outcome(error="the last statement returned no rows: end the script with a SELECT")
    return Outcome(value=result)


def _run_sql_as_admin(exercise: Exercise, box, script: str | None, frames) -> pd.DataFrame:
    """The reference (script None) or a known wrong answer, on the frames, in the reference's
    own database (the learner's user cannot see it)."""
    with box.admin.begin() as conn:
        box.fill(conn, exercise, frames)
        return exercise.run_sql(conn, script=script)


def ignores_its_input(on_example: Outcome, expected: pd.DataFrame, failure, ordered: bool) -> bool:
    """The same output on the example and on the failing input, where the reference's differ."""
    if not (on_example.ok and failure.actual.ok):
        return False
    same = not frame_differences(failure.actual.value, on_example.value, check_order=ordered)
    return same and bool(frame_differences(failure.expected, expected, check_order=ordered))


def _error_line(got: Outcome, expected: pd.DataFrame) -> str:
    """The learner's error; over the row cap, with the reference's row count beside it."""
    if got.rows is None:
        return got.error
    return f"{got.error}; the reference returns {len(expected):,} {plural(len(expected), 'row')}"


def _tables(frames: dict) -> Columns:
    return Columns([frame_table(frame, table) for table, frame in frames.items()])


def _problems(problems: list[str]) -> Text:
    return Text("\n".join(f"  {line}" for line in problems[:12]))


def _side_by_side(expected, got: Outcome) -> list:
    if not got.ok:  # the error itself is in the problems
        return [frame_table(expected, "expected")]
    return [Columns([frame_table(expected, "expected"), frame_table(got.value, "yours")])]
