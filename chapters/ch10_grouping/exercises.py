"""Chapter 10's exercises, as entries of the shared registry (chapters.sqlkit)."""

from chapters.ch10_grouping import generate
from chapters.ch10_grouping.solutions.classes_more_than_5 import find_classes
from chapters.ch10_grouping.solutions.daily_leads import daily_leads_and_partners
from chapters.ch10_grouping.solutions.game_play_analysis_i import game_analysis
from chapters.ch10_grouping.solutions.largest_orders import largest_orders
from chapters.ch10_grouping.solutions.products_by_date import categorize_products
from chapters.ch10_grouping.solutions.total_time import total_time
from chapters.ch10_grouping.solutions.unique_subjects import count_unique_subjects
from chapters.sqlkit import Exercise

DATE = "datetime64[ns]"

EXERCISES = [
    Exercise(
        slug="total_time",
        number=1741,
        title="Find Total Time Spent by Each Employee",
        chapter=10,
        statement="""
Each row of Employees is one visit to the office: the employee came in at minute in_time of
event_day and left at minute out_time. An employee may visit several times a day. For every
employee and day, report the minutes spent inside (the sum of out_time - in_time) as
total_time, with the day in a column called day. A visit whose out_time is NULL adds nothing;
a day made only of such visits has a NULL total. Any order.
""",
        tables={
            "Employees": {"emp_id": "Int64", "event_day": DATE, "in_time": "Int64", "out_time": "Int64"}
        },
        solve=total_time,
        expected_dtypes={"day": DATE, "emp_id": "Int64", "total_time": "Int64"},
        generate=generate.total_time,
    ),
    Exercise(
        slug="game_play_analysis_i",
        number=511,
        title="Game Play Analysis I",
        chapter=10,
        statement="""
Activity has one row per player and day the player logged in. Report each player's first
login date as first_login. Any order.
""",
        tables={
            "Activity": {
                "player_id": "Int64",
                "device_id": "Int64",
                "event_date": DATE,
                "games_played": "Int64",
            }
        },
        solve=game_analysis,
        expected_dtypes={"player_id": "Int64", "first_login": DATE},
        generate=generate.game_play_analysis_i,
    ),
    Exercise(
        slug="unique_subjects",
        number=2356,
        title="Number of Unique Subjects Taught by Each Teacher",
        chapter=10,
        statement="""
A row of Teacher says that teacher teacher_id teaches subject subject_id in department
dept_id. Count, for each teacher, how many different subjects they teach, whatever the
department, as cnt. Rows whose teacher_id is NULL (not yet assigned) form a group of their
own, as GROUP BY makes them. Any order.
""",
        tables={"Teacher": {"teacher_id": "Int64", "subject_id": "Int64", "dept_id": "Int64"}},
        solve=count_unique_subjects,
        expected_dtypes={"teacher_id": "Int64", "cnt": "Int64"},
        generate=generate.unique_subjects,
    ),
    Exercise(
        slug="classes_more_than_5",
        number=596,
        title="Classes More Than 5 Students",
        chapter=10,
        statement="""
Each row of Courses says a student attends a class. List the classes attended by at least
five students (five is enough). Any order. A class is always spelled the same way: under the
table's case-insensitive collation 'Math' and 'math' would be one class for the server and
two for pandas (the lesson's section 6 shows it).
""",
        tables={"Courses": {"student": "object", "class": "object"}},
        solve=find_classes,
        generate=generate.classes_more_than_5,
    ),
    Exercise(
        slug="largest_orders",
        number=586,
        title="Customer Placing the Largest Number of Orders",
        chapter=10,
        statement="""
Orders holds one row per order and the customer who placed it. Report the customer who
placed the most orders. When several customers share the largest count, report every one of
them (one row each); with no orders at all, report no row. Any order.
""",
        tables={"Orders": {"order_number": "Int64", "customer_number": "Int64"}},
        solve=largest_orders,
        expected_dtypes={"customer_number": "Int64"},
        generate=generate.largest_orders,
    ),
    Exercise(
        slug="products_by_date",
        number=1484,
        title="Group Sold Products By The Date",
        chapter=10,
        statement="""
Activities lists what was sold on which day; a product may appear several times a day. For
each sell_date report num_sold, the number of different products sold that day, and
products, their names sorted and joined with commas. Names are compared and sorted exactly,
character by character (Python's order: 'Pen' and 'pen' are two products, 'Z' sorts before
'a'). Order the rows by sell_date.
""",
        tables={"Activities": {"sell_date": DATE, "product": "object"}},
        solve=categorize_products,
        ordered=True,
        expected_dtypes={"sell_date": DATE, "num_sold": "Int64"},
        generate=generate.products_by_date,
    ),
    Exercise(
        slug="daily_leads",
        number=1693,
        title="Daily Leads and Partners",
        chapter=10,
        statement="""
Each row of DailySales is a sale of a car of make make_name on date_id, through lead lead_id
and partner partner_id (rows may repeat). For every date and make, count the different leads
(unique_leads) and the different partners (unique_partners); NULL ids are not counted, and a
NULL make_name is a group of its own. Any order. Each make is always spelled the same way
('Honda' never also as 'honda', which the server would put in the same group).
""",
        tables={
            "DailySales": {
                "date_id": DATE,
                "make_name": "object",
                "lead_id": "Int64",
                "partner_id": "Int64",
            }
        },
        solve=daily_leads_and_partners,
        expected_dtypes={
            "date_id": DATE,
            "unique_leads": "Int64",
            "unique_partners": "Int64",
        },
        generate=generate.daily_leads,
    ),
]
