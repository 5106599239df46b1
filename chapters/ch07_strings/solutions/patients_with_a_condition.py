"""1527. Patients With a Condition, in pandas."""

import pandas as pd


def find_patients(patients: pd.DataFrame) -> pd.DataFrame:
    """Patients with a condition code starting with DIAB1 (case-sensitive)."""
    # A code starts either the whole string or right after a space: the two LIKE patterns.
    conditions = patients["conditions"]
    first = conditions.str.startswith("DIAB1").astype("boolean")  # <NA> for a NULL
    later = conditions.str.contains(" DIAB1", regex=False).astype("boolean")
    return patients.loc[(first | later).fillna(False)]
