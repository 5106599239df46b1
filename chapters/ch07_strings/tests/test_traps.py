"""The chapter's traps, each asserted against the real server (and pandas where it has a side)."""

import pandas as pd
import pytest

from chapters.sqlkit import db, get


def row(engine, sql):
    """The single row a query returns, as a tuple."""
    with engine.connect() as conn:
        return tuple(db.query_frame(conn, sql).iloc[0])


def test_percent_matches_zero_characters_and_underscore_exactly_one(module_db):
    assert row(module_db, "SELECT 'a' LIKE 'a%', '' LIKE '%', 'a' LIKE 'a_', 'ab' LIKE 'a_'") == (
        1,
        1,
        0,
        1,
    )


def test_regexp_searches_anywhere_unless_anchored(module_db):
    sql = (
        r"SELECT 'apple' REGEXP 'a\\w*', 'banana' REGEXP 'a\\w*', 'orange' REGEXP 'a\\w*', "
        r"'kiwi' REGEXP 'a\\w*', 'banana' REGEXP '^a\\w*$', 'apple' REGEXP '^a\\w*$'"
    )
    assert row(module_db, sql) == (1, 1, 1, 0, 0, 1)
    fruit = pd.Series(["apple", "banana", "orange", "kiwi"])
    assert fruit.str.contains(r"a\w*").tolist() == [True, True, True, False]  # pandas too


def test_string_literals_drop_unknown_escapes_and_backslash_b_is_a_backspace(module_db):
    literal, backspace, length, doubled = row(
        module_db, r"SELECT 'a\w*', HEX('\b'), CHAR_LENGTH('\b'), 'a\\w*'"
    )
    assert literal == "aw*"  # the backslash is gone before REGEXP sees the pattern
    assert (backspace, length) == ("08", 1)
    assert doubled == "a\\w*"
    # so 'a\w*' is the pattern aw*: 'a' then any number of 'w', found anywhere
    assert row(module_db, r"SELECT 'xaz' REGEXP 'a\w*', 'a-w' REGEXP 'a\w'") == (1, 0)


def test_ci_collation_ignores_case_and_accents_unless_binary(module_db):
    assert row(module_db, "SELECT 'Apple' = 'apple', 'é' = 'e', 'a' = 'a '") == (1, 1, 1)
    assert row(module_db, "SELECT 'Apple' = 'apple' COLLATE utf8mb4_bin") == (0,)
    pattern = "'^[a-z]+@leetcode[.]com$'"
    sql = (
        f"SELECT 'x@LEETCODE.COM' REGEXP {pattern}, "
        f"'x@LEETCODE.COM' COLLATE utf8mb4_bin REGEXP {pattern}"
    )
    assert row(module_db, sql) == (1, 0)


def test_the_1517_solution_rejects_upper_case_domains_and_trailing_newlines(module_db):
    exercise = get("find_users_with_valid_e_mails")
    users = pd.DataFrame(
        {
            "user_id": [1, 2, 3],
            "name": ["A", "B", "C"],
            "mail": ["x@leetcode.com", "x@LEETCODE.COM", "x@leetcode.com\n"],
        }
    )
    with module_db.begin() as conn:
        exercise.load_frames(conn, {"Users": users})
        assert exercise.run_sql(conn)["user_id"].tolist() == [1]
    assert exercise.run_pandas({"Users": users})["user_id"].tolist() == [1]


def test_dollar_matches_before_a_final_newline_in_python_and_on_the_server(module_db):
    s = pd.Series(["abc", "abc\n", "xabc"])
    assert s.str.match("abc$").tolist() == [True, True, False]  # anchored at the start only
    assert s.str.fullmatch("abc").tolist() == [True, False, False]
    assert s.str.contains("abc").tolist() == [True, True, True]
    sql = (
        "SELECT CONCAT('abc', CHAR(10)) REGEXP '^abc$', "
        "CONCAT('abc', CHAR(10)) REGEXP '^abc\\\\z', 'abc' REGEXP '^abc\\\\z'"
    )
    assert row(module_db, sql) == (1, 0, 1)


@pytest.mark.parametrize(("text", "chars", "octets"), [("a", 1, 1), ("é", 1, 2), ("😀", 1, 4)])
def test_char_length_counts_characters_and_length_bytes(module_db, text, chars, octets):
    with module_db.connect() as conn:
        got = db.query_frame(
            conn, "SELECT CHAR_LENGTH(:t) AS c, LENGTH(:t) AS b", {"t": text}
        ).iloc[0]
    assert (got["c"], got["b"]) == (chars, octets)
    series = pd.Series([text])
    assert series.str.len().iat[0] == chars
    assert series.str.encode("utf-8").str.len().iat[0] == octets


def test_case_mapping_differs_outside_ascii(module_db):
    assert row(module_db, "SELECT UPPER('ß'), LOWER('İ'), UPPER('é')") == ("ß", "i", "É")
    assert ("ß".upper(), "İ".lower(), "é".upper()) == ("SS", "i\u0307", "É")


def test_modulo_keeps_the_sign_of_the_dividend_on_the_server(module_db):
    assert row(module_db, "SELECT -3 % 2, MOD(-3, 2), 3 % -2") == (-1, -1, 1)
    assert (-3 % 2, 3 % -2) == (1, -1)  # Python: the sign of the divisor
