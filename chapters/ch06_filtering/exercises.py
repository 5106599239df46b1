"""Chapter 6's exercises, as entries of the shared registry (chapters.sqlkit)."""

from chapters.ch06_filtering.solutions.big_countries import big_countries
from chapters.sqlkit import Exercise

EXERCISES = [
    Exercise(
        slug="big_countries",
        number=595,
        title="Big Countries",
        chapter=6,
        statement="""
A country counts as big when its area is at least 3,000,000 km² or its population is at
least 25,000,000 (either is enough; both limits are inclusive). List the name, population and
area of every big country, in any order.
""",
        tables={
            "World": {
                "name": "object",
                "continent": "object",
                "area": "Int64",
                "population": "Int64",
                "gdp": "Int64",
            }
        },
        solve=big_countries,
        expected_dtypes={"population": "Int64", "area": "Int64"},
    ),
]
