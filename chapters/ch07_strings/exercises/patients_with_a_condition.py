"""1527. Patients With a Condition: a code at the start of the string or after a space."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.ch07_strings.exercises._inputs import maybe, row_id
from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import ids, words
from chapters.sqlkit.strategies import frame, tricky_text

STATEMENT = """
A patient's conditions are codes separated by spaces. List patient_id, patient_name and
conditions of every patient with a code that starts with 'DIAB1' (upper case, exactly), in any
order. 'SADIAB100' does not count: the code must start with DIAB1.
"""


def patients_with_a_condition(patients: pd.DataFrame) -> pd.DataFrame:
    """Patients with a condition code starting with DIAB1 (case-sensitive)."""
    # A code starts either the whole string or right after a space: the two LIKE patterns.
    conditions = patients["conditions"]
    first = conditions.str.startswith("DIAB1").astype("boolean")  # <NA> for a NULL
    later = conditions.str.contains(" DIAB1", regex=False).astype("boolean")
    return patients.loc[(first | later).fillna(False)]


@wrong("contains searches anywhere: 'SADIAB1' holds DIAB1 too", "4. `LIKE`: `%` is zero or more, `_` is exactly one")
def contains_anywhere(patients: pd.DataFrame) -> pd.DataFrame:
    """str.contains('DIAB1'): also inside another code."""
    found = patients["conditions"].str.contains("DIAB1", regex=False).astype("boolean")
    return patients.loc[found.fillna(False)]


def tables() -> st.SearchStrategy:
    """Codes that start with DIAB1 or only look like it (case, accent, a prefix, a wildcard)."""
    code = st.sampled_from(["DIAB1", "DIAB100", "diab1", "DIÁB1", "SADIAB1", "DIAB", "ACNE", "", "%"])
    conditions = maybe(
        st.builds(
            lambda codes, gap: gap.join(codes),
            st.lists(code, max_size=3),
            st.sampled_from([" ", "  "]),
        )
    )
    patients = frame(
        {"patient_id": row_id, "patient_name": maybe(tricky_text()), "conditions": conditions},
        {"patient_id": "Int64"},
        unique=("patient_id",),
    )
    return st.fixed_dictionaries({"Patients": patients})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n patients with zero to two condition codes each, some of them DIAB1xx."""
    codes = np.array(["", "ACNE", "MYOP", "DIAB100", "DIAB201", "SADIAB1", "YFEV"], dtype=object)
    first = pd.Series(rng.choice(codes, n), dtype=object)
    second = pd.Series(rng.choice(codes, n), dtype=object)
    conditions = (first + " " + second).str.strip()
    patients = pd.DataFrame(
        {"patient_id": ids(n), "patient_name": words(n, rng, 3, 8), "conditions": conditions}
    )
    return {"Patients": patients}


EXERCISE = Exercise(
    number=1527,
    title="Patients With a Condition",
    statement=STATEMENT,
    inputs=("Patients",),
    solve=patients_with_a_condition,
    strategy=tables,
    generate=generate,
    expected_dtypes={"patient_id": "Int64"},
    hints=(
        "A code starts either at the very beginning of conditions or right after a space.",
        "That is two patterns: 'DIAB1%' and '% DIAB1%'. And is LIKE case-sensitive here?",
        "SQL: conditions COLLATE utf8mb4_bin LIKE 'DIAB1%' OR conditions COLLATE utf8mb4_bin "
        "LIKE '% DIAB1%'. pandas: str.startswith('DIAB1') | str.contains(' DIAB1', regex=False).",
    ),
    wrong=(contains_anywhere,),
)
