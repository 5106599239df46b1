"""Chapter 7's exercises, as entries of the shared registry (chapters.sqlkit)."""

from chapters.ch07_strings import generate
from chapters.ch07_strings.solutions.calculate_special_bonus import calculate_special_bonus
from chapters.ch07_strings.solutions.find_users_with_valid_e_mails import valid_emails
from chapters.ch07_strings.solutions.fix_names_in_a_table import fix_names
from chapters.ch07_strings.solutions.invalid_tweets import invalid_tweets
from chapters.ch07_strings.solutions.patients_with_a_condition import find_patients
from chapters.sqlkit import Exercise

EXERCISES = [
    Exercise(
        slug="invalid_tweets",
        number=1683,
        title="Invalid Tweets",
        chapter=7,
        statement="""
A tweet is invalid when its content is longer than 15 characters (characters, not bytes:
'é' and '😀' count one each; spaces count too). List the tweet_id of every invalid tweet, in
any order. A tweet without content is not invalid.
""",
        tables={"Tweets": {"tweet_id": "Int64", "content": "object"}},
        solve=invalid_tweets,
        expected_dtypes={"tweet_id": "Int64"},
        generate=generate.invalid_tweets,
    ),
    Exercise(
        slug="calculate_special_bonus",
        number=1873,
        title="Calculate Special Bonus",
        chapter=7,
        statement="""
An employee's bonus is their whole salary when their employee_id is odd and their name does
not start with a capital 'M' (a lower-case 'm' is fine; an unknown name earns no bonus);
otherwise it is 0. List employee_id and bonus for everyone, ordered by employee_id.
""",
        tables={"Employees": {"employee_id": "Int64", "name": "object", "salary": "Int64"}},
        solve=calculate_special_bonus,
        ordered=True,
        expected_dtypes={"employee_id": "Int64", "bonus": "Int64"},
        generate=generate.calculate_special_bonus,
    ),
    Exercise(
        slug="fix_names_in_a_table",
        number=1667,
        title="Fix Names in a Table",
        chapter=7,
        statement="""
Rewrite each user's name so that its first character is upper case and all the others lower
case (a character with no one-character upper case, such as 'ß', stays as it is). List user_id
and the fixed name, ordered by user_id.
""",
        tables={"Users": {"user_id": "Int64", "name": "object"}},
        solve=fix_names,
        ordered=True,
        expected_dtypes={"user_id": "Int64"},
        generate=generate.fix_names_in_a_table,
    ),
    Exercise(
        slug="find_users_with_valid_e_mails",
        number=1517,
        title="Find Users With Valid E-Mails",
        chapter=7,
        statement="""
A mail is valid when it is a prefix followed by exactly '@leetcode.com' (lower case, nothing
after it). The prefix starts with an ASCII letter and holds only ASCII letters, digits, '_',
'.' and '-'. List user_id, name and mail of the users with a valid mail, in any order.
""",
        tables={"Users": {"user_id": "Int64", "name": "object", "mail": "object"}},
        solve=valid_emails,
        expected_dtypes={"user_id": "Int64"},
        generate=generate.find_users_with_valid_e_mails,
    ),
    Exercise(
        slug="patients_with_a_condition",
        number=1527,
        title="Patients With a Condition",
        chapter=7,
        statement="""
A patient's conditions are codes separated by spaces. List patient_id, patient_name and
conditions of every patient with a code that starts with 'DIAB1' (upper case, exactly), in any
order. 'SADIAB100' does not count: the code must start with DIAB1.
""",
        tables={
            "Patients": {"patient_id": "Int64", "patient_name": "object", "conditions": "object"}
        },
        solve=find_patients,
        expected_dtypes={"patient_id": "Int64"},
        generate=generate.patients_with_a_condition,
    ),
]
