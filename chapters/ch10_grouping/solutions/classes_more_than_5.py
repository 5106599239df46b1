"""596. Classes More Than 5 Students, in pandas."""

import pandas as pd


def find_classes(courses: pd.DataFrame) -> pd.DataFrame:
    """Classes that at least five students attend."""
    sizes = courses.groupby("class", as_index=False).agg(students=("student", "count"))
    return sizes.loc[sizes["students"] >= 5, ["class"]]  # the HAVING step
