"""570. Managers with at Least 5 Direct Reports: a self-join, grouped by the manager."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ints, text
from chapters.sqlkit.strategies import frame, key_text, tricky_text

STATEMENT = """
Each row of Employee names the employee's manager in managerId (NULL: no manager). Report the
name of every employee who is the manager of at least five employees. A managerId that is
no employee's id gives nobody. Any order.
"""


def managers_with_5_reports(employee: pd.DataFrame) -> pd.DataFrame:
    """Names of the employees that at least five others name as their manager."""
    # Self-join: the table meets a renamed copy of itself, each manager row once per direct
    # report. A NULL boss_id meets nothing, because the left key (id) is never NULL.
    reports = employee[["id", "managerId"]].rename(
        columns={"id": "report_id", "managerId": "boss_id"}
    )
    pairs = employee.merge(reports, left_on="id", right_on="boss_id")
    per_manager = pairs.groupby("id", as_index=False).agg(
        name=("name", "first"), reports=("report_id", "size")
    )
    return per_manager.loc[per_manager["reports"] >= 5, ["name"]]


@wrong("the self-join's two sides mixed up: a report's name, not the manager's", "4. Self-joins")
def name_of_a_report(employee: pd.DataFrame) -> pd.DataFrame:
    """Joined the right way round, but the name kept is the employee's, not the manager's."""
    pairs = employee.merge(employee, left_on="managerId", right_on="id", suffixes=("", "_boss"))
    per_manager = pairs.groupby("managerId", as_index=False).agg(
        name=("name", "first"), reports=("id", "size")
    )
    return per_manager.loc[per_manager["reports"] >= 5, ["name"]]


def tables() -> st.SearchStrategy:
    """Up to 20 employees, mostly reporting to a few popular managers; some unknown ids."""
    employee = frame(
        {
            "id": st.integers(0, 12),
            # A few shared names, so that grouping by the name instead of the id shows.
            "name": st.one_of(st.sampled_from(["Ann", "Bo"]), st.none(), tricky_text()),
            "department": st.one_of(st.none(), key_text()),
            # Mostly a few popular managers (so some reach five reports), some unknown ids.
            "managerId": st.one_of(st.none(), st.sampled_from([0, 1, 2, 20]), st.integers(0, 14)),
        },
        {"id": "Int64", "managerId": "Int64"},
        max_rows=20,
        unique=("id",),
    )
    return st.fixed_dictionaries({"Employee": employee})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n employees reporting to n/6 managers (5% to nobody, 1% to an unknown id)."""
    manager = rng.integers(0, max(n // 6, 1), n)
    manager = np.where(rng.random(n) < 0.01, n + manager, manager)  # ids that are nobody's
    employee = pd.DataFrame(
        {
            "id": ints(np.arange(n)),
            "name": text("employee", np.arange(n)),
            "department": rng.choice(np.array(["A", "B", "C"], dtype=object), n),
            "managerId": ints(manager, rng, 0.05),
        }
    )
    return {"Employee": employee}


EXERCISE = Exercise(
    number=570,
    title="Managers with at Least 5 Direct Reports",
    statement=STATEMENT,
    inputs=("Employee",),
    solve=managers_with_5_reports,
    strategy=tables,
    generate=generate,
    hints=(
        "A manager is an employee too: join Employee to itself, once as the manager and once "
        "as the report (two aliases, or a renamed copy in pandas).",
        "Match report.managerId = manager.id, then count the rows of each manager and keep "
        "those with at least five.",
        "Group by the manager's id, not by their name: two managers may share a name. SQL: "
        "GROUP BY m.id, m.name HAVING COUNT(*) >= 5.",
    ),
    wrong=(name_of_a_report,),
)
