"""596. Classes More Than 5 Students: HAVING, a filter on the groups (five is enough)."""

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from chapters.sqlkit import Exercise, wrong
from chapters.sqlkit.columns import text
from chapters.sqlkit.strategies import frame, key_text

STATEMENT = """
Each row of Courses says a student attends a class. List the classes attended by at least
five students (five is enough). Any order. A class is always spelled the same way: under the
table's case-insensitive collation 'Math' and 'math' would be one class for the server and
two for pandas (the lesson's section 6 shows it).
"""


def classes_more_than_5(courses: pd.DataFrame) -> pd.DataFrame:
    """Classes that at least five students attend."""
    sizes = courses.groupby("class", as_index=False).agg(students=("student", "count"))
    return sizes.loc[sizes["students"] >= 5, ["class"]]  # the HAVING step


@wrong("'at least five' includes five: >=, not >", "2. HAVING: filtering the groups")
def more_than_five(courses: pd.DataFrame) -> pd.DataFrame:
    """The title says 'more than 5', the task says 'at least five': a class of five is lost."""
    sizes = courses.groupby("class", as_index=False).agg(students=("student", "count"))
    return sizes.loc[sizes["students"] > 5, ["class"]]


# Names that differ from each other in more than case: 'Math' and 'math' would be one group
# under utf8mb4_unicode_ci but two in pandas (the lesson shows that trap on its own).
CLASS_NAMES = st.sampled_from(["Math", "art", "BIOLOGY"])


def tables() -> st.SearchStrategy:
    """Three classes and up to 20 enrolments, so classes of four, five and six are common."""
    courses = frame(
        {"student": key_text(1, 3), "class": CLASS_NAMES},
        {},
        max_rows=20,
        unique=("student", "class"),
    )
    return st.fixed_dictionaries({"Courses": courses})


def generate(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n distinct students spread over n/6 classes: about half the classes reach five."""
    courses = pd.DataFrame(
        {
            "student": text("student", np.arange(n)),
            "class": text("class", rng.integers(0, max(n // 6, 1), n)),
        }
    )
    return {"Courses": courses}


EXERCISE = Exercise(
    number=596,
    title="Classes More Than 5 Students",
    statement=STATEMENT,
    inputs=("Courses",),
    solve=classes_more_than_5,
    strategy=tables,
    generate=generate,
    hints=(
        "Count the students of each class: group by class.",
        "Keep the groups, not the rows, whose count is big enough: that is HAVING in SQL, and a "
        "filter on the aggregated frame in pandas.",
        "Five students are enough: HAVING COUNT(*) >= 5 (not > 5).",
    ),
    wrong=(more_than_five,),
)
