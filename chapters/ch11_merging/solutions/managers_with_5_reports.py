"""570. Managers with at Least 5 Direct Reports, in pandas."""

import pandas as pd


def find_managers(employee: pd.DataFrame) -> pd.DataFrame:
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
