"""Differential tests: on generated tables, the pandas and the SQL answers agree."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chapters.sqlkit import get
from chapters.sqlkit.testing import TRICKY_ALPHABET, check_pandas_equals_sql, frame, tricky_text

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

row_id = st.integers(-30, 30)  # negative ids too: MySQL's % keeps the sign of the dividend


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """The strategy's values or NULL."""
    return st.one_of(st.none(), strategy)


# Around the limit of 15 characters, with multi-byte characters and spaces at either end.
content = maybe(
    st.one_of(tricky_text(max_size=20), st.text(TRICKY_ALPHABET, min_size=14, max_size=17))
)
tweets = frame(
    {"tweet_id": row_id, "content": content}, {"tweet_id": "Int64"}, unique=("tweet_id",)
)


@SETTINGS
@given(tweets=tweets)
def test_invalid_tweets(module_db, tweets):
    check_pandas_equals_sql(get("invalid_tweets"), module_db, {"Tweets": tweets})


# Names that start with 'M', 'm', 'Ｍ' (full-width), an accent or anything else.
name_start = st.sampled_from(["M", "m", "Ｍ", "É", "N", ""])
employees = frame(
    {
        "employee_id": row_id,
        "name": maybe(st.builds(str.__add__, name_start, tricky_text(max_size=5))),
        "salary": maybe(st.integers(0, 10**6)),
    },
    {"employee_id": "Int64", "salary": "Int64"},
    unique=("employee_id",),
)


@SETTINGS
@given(employees=employees)
def test_calculate_special_bonus(module_db, employees):
    check_pandas_equals_sql(get("calculate_special_bonus"), module_db, {"Employees": employees})


# Case-mapping corners: 'ß' (upper case is two letters in Python), 'ı' and 'İ' (Turkish i).
name_alphabet = st.sampled_from(list("aAzZ éÉßıİ0'-😀"))
users = frame(
    {"user_id": row_id, "name": maybe(st.text(name_alphabet, max_size=8))},
    {"user_id": "Int64"},
    unique=("user_id",),
)


@SETTINGS
@given(users=users)
def test_fix_names_in_a_table(module_db, users):
    check_pandas_equals_sql(get("fix_names_in_a_table"), module_db, {"Users": users})


prefix = st.text(st.sampled_from(list("aZq09_.-#é")), max_size=5)
domain = st.sampled_from(
    [
        "@leetcode.com",
        "@LEETCODE.COM",
        "@leetcode.Com",
        "@leetcode.com\n",  # $ would accept it; \z does not
        "@leetcode.com ",  # a trailing space is not the end of the string
        "@leetcodeXcom",
        "@leetcode.co",
        "",
    ]
)
good_prefix = st.builds(
    str.__add__, st.sampled_from(["a", "Z"]), st.text(st.sampled_from("q9_.-"), max_size=3)
)
mail = maybe(
    st.one_of(
        st.builds(str.__add__, good_prefix, domain),  # a good prefix: the domain decides
        st.builds(str.__add__, prefix, domain),
        tricky_text(),
    )
)
mail_users = frame(
    {"user_id": row_id, "name": maybe(tricky_text()), "mail": mail},
    {"user_id": "Int64"},
    unique=("user_id",),
)


@SETTINGS
@given(users=mail_users)
def test_find_users_with_valid_e_mails(module_db, users):
    check_pandas_equals_sql(get("find_users_with_valid_e_mails"), module_db, {"Users": users})


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


@SETTINGS
@given(patients=patients)
def test_patients_with_a_condition(module_db, patients):
    check_pandas_equals_sql(get("patients_with_a_condition"), module_db, {"Patients": patients})
