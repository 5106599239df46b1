"""Chapter 6's exercises, as entries of the shared registry (chapters.sqlkit)."""

from chapters.ch06_filtering import generate
from chapters.ch06_filtering.solutions.article_views_i import article_views
from chapters.ch06_filtering.solutions.big_countries import big_countries
from chapters.ch06_filtering.solutions.customers_who_never_order import find_customers
from chapters.ch06_filtering.solutions.recyclable_and_low_fat_products import find_products
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
        generate=generate.big_countries,
    ),
    Exercise(
        slug="recyclable_and_low_fat_products",
        number=1757,
        title="Recyclable and Low Fat Products",
        chapter=6,
        statement="""
Each product has two flags, low_fats and recyclable, each 'Y' or 'N' (or unknown). List the
product_id of every product whose two flags are both 'Y', in any order. An unknown flag does
not count as 'Y'.
""",
        tables={"Products": {"product_id": "Int64", "low_fats": "object", "recyclable": "object"}},
        solve=find_products,
        expected_dtypes={"product_id": "Int64"},
        generate=generate.recyclable_and_low_fat_products,
    ),
    Exercise(
        slug="customers_who_never_order",
        number=183,
        title="Customers Who Never Order",
        chapter=6,
        statement="""
Customers lists people by id; Orders lists orders, each with the customerId of the buyer (an
order may have no known buyer, and a customerId may match nobody). List, in a column named
Customers, the name of every customer who placed no order at all, in any order. Two customers
may share a name: list each of them.
""",
        tables={
            "Customers": {"id": "Int64", "name": "object"},
            "Orders": {"id": "Int64", "customerId": "Int64"},
        },
        solve=find_customers,
        generate=generate.customers_who_never_order,
    ),
    Exercise(
        slug="article_views_i",
        number=1148,
        title="Article Views I",
        chapter=6,
        statement="""
Views logs who viewed which article on which day, with the article's author; the log has no
key and may repeat a row. List, in a column named id, every author who viewed at least one of
their own articles, each once, in ascending order. A missing author or viewer is no match.
""",
        tables={
            "Views": {
                "article_id": "Int64",
                "author_id": "Int64",
                "viewer_id": "Int64",
                "view_date": "datetime64[ns]",
            }
        },
        solve=article_views,
        ordered=True,
        expected_dtypes={"id": "Int64"},
        generate=generate.article_views_i,
    ),
]
