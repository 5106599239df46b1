# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Chapter 7 — Strings: the `.str` accessor next to MySQL's string functions
#
# Text is where pandas and MySQL disagree most quietly: they count length differently, compare
# case differently, and read backslashes differently. This chapter puts each string operation
# side by side and proves every claim against a real server.

# %% [markdown]
# ## What you'll learn
#
# - `LENGTH` vs `CHAR_LENGTH` (bytes vs characters) next to `str.len`;
# - `UPPER` / `LOWER` / `CONCAT` / `SUBSTRING` / `LEFT` next to the `.str` accessor;
# - `LIKE` with `%` (zero or more characters) and `_` (exactly one);
# - `REGEXP` next to `str.contains`, `str.match` and `str.fullmatch`, and where each is anchored;
# - what a `_ci` collation does to `=`, `LIKE` and `REGEXP`, and how to switch it off;
# - adding a computed column (`SELECT *, expr AS name` / `assign`).
#
# Run the walk-through with `make chapter-7` (or `.venv/bin/python -m chapters.ch07_strings` when a
# server is up: `make db`).

# %% [markdown]
# ## 1. The example table

# %%
# ruff: noqa: B015, B018, E401, E501, E702, F401, I001 (the lesson's code, as in README.md)
# generated from README.md by `python -m common.lesson`: edit the README, not this file
from chapters.sqlkit.lesson import sql  # runs each SQL block on a throwaway database
sql(r"""
CREATE TABLE Fruits (
    id INT NOT NULL PRIMARY KEY,
    name VARCHAR(40) NOT NULL
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
INSERT INTO Fruits VALUES
    (1, 'apple'), (2, 'banana'), (3, 'Orange'), (4, 'kiwi'),
    (5, 'crème brûlée'), (6, 'a'), (7, 'Apricot');
""")

# %%
import pandas as pd
fruits = pd.DataFrame({
    "id": [1, 2, 3, 4, 5, 6, 7],
    "name": ["apple", "banana", "Orange", "kiwi", "crème brûlée", "a", "Apricot"],
})
name = fruits["name"]

# %% [markdown]
# Every SQL block here runs, in order, in the walk-through, the notebook and
# `chapters/sqlkit/tests/test_lessons.py`. A query block ends with the rows it returns, one `-- =>`
# comment line each, and the test compares them with the server's answer.

# %% [markdown]
# ## 2. Length: characters or bytes?

# %%
sql(r"""
SELECT name, CHAR_LENGTH(name) AS chars, LENGTH(name) AS bytes FROM Fruits WHERE id IN (1, 5);
-- columns: name, chars, bytes
-- => ('apple', 5, 5)
-- => ('crème brûlée', 12, 15)
""")

# %% [markdown]
# gives `apple, 5, 5` and `crème brûlée, 12, 15`. `LENGTH` counts **bytes** of the stored
# encoding: in utf8mb4 an accented letter takes 2 bytes and an emoji 4. `CHAR_LENGTH` counts
# characters, like pandas' `str.len` (which counts Unicode code points). To see bytes in pandas,
# encode first:

# %%
fruits.assign(chars=name.str.len(), bytes=name.str.encode("utf-8").str.len())

# %% [markdown]
# `assign` adds a computed column, like `SELECT *, CHAR_LENGTH(name) AS chars` in SQL. (In
# MySQL a bare `*` must come first in the list; `SELECT expr, *` is an error, `SELECT expr, t.*`
# is fine.)

# %% [markdown]
# ## 3. Case, slices and concatenation
#
# SQL counts positions from 1, Python from 0. `SUBSTRING(name, 2, 3)` (three characters from
# the second) is `str[1:4]`; `LEFT(name, 1)` is `str[:1]`; `SUBSTRING(name, 2)` is `str[1:]`;
# `CONCAT(a, b)` is `a + b`:

# %%
sql(r"""
SELECT CONCAT(UPPER(LEFT(name, 1)), SUBSTRING(name, 2)) AS fixed, SUBSTRING(name, 2, 3) AS mid
FROM Fruits ORDER BY id;
-- => ('Apple', 'ppl')
-- => ('Banana', 'ana')
-- => ('Orange', 'ran')
-- => ('Kiwi', 'iwi')
-- => ('Crème brûlée', 'rèm')
-- => ('A', '')
-- => ('Apricot', 'pri')
""")

# %%
(name.str[:1].str.upper() + name.str[1:]).tolist()

# %%
name.str[1:4].tolist()

# %% [markdown]
# Outside ASCII the two case tables differ. Python applies the full Unicode rules, where a
# character can turn into several; MySQL maps one character to one, and its tables are older:

# %%
sql(r"""
SELECT UPPER('ß') AS upper_sharp_s, LOWER('İ') AS lower_dotted_i;
-- => ('ß', 'i')
""")

# %% [markdown]
# gives `ß` and `i`, while Python says:

# %%
"ß".upper(), "İ".lower(), len("İ".lower())

# %% [markdown]
# Exercise 1667 (Fix Names) handles this in its pandas solution: it keeps a character whose
# upper case would be longer than one character, and lower-cases `İ` to a plain `i`.
#
# A related surprise: `CONCAT` with a NULL argument is NULL, and so is `a + b` in pandas when
# either side is missing — those two agree.

# %% [markdown]
# ## 4. `LIKE`: `%` is zero or more, `_` is exactly one
#
# `%` matches **any number of characters, zero included**, so `'a%'` matches `'a'` itself;
# `_` matches exactly one character:

# %%
sql(r"""
SELECT name FROM Fruits WHERE name LIKE 'a%';
-- => ('apple',)
-- => ('a',)
-- => ('Apricot',)
""")

# %% [markdown]
# gives apple, a **and Apricot**: the table's collation is `utf8mb4_unicode_ci`, and `_ci`
# means case-insensitive (accents are ignored too: `'é' = 'e'`). pandas is always
# case-sensitive:

# %%
name[name.str.startswith("a")].tolist()

# %%
sql(r"""
SELECT name FROM Fruits WHERE name LIKE '____';
-- => ('kiwi',)
""")

# %% [markdown]
# gives kiwi, the only four-character name (`str.len() == 4`, or `str.fullmatch(".{4}")`).
#
# To make SQL case-sensitive, compare under a binary collation:

# %%
sql(r"""
SELECT name FROM Fruits WHERE name COLLATE utf8mb4_bin LIKE 'a%';
-- => ('apple',)
-- => ('a',)
""")

# %% [markdown]
# gives apple and a, as pandas does. (`LIKE BINARY 'a%'` works too, but MySQL 8 deprecates
# the `BINARY` operator.)

# %% [markdown]
# ## 5. `REGEXP`: not anchored unless you anchor it
#
# `REGEXP` is true when the pattern matches **anywhere** in the value, like `str.contains`:

# %%
sql(r"""
SELECT name FROM Fruits WHERE name REGEXP 'an';
-- => ('banana',)
-- => ('Orange',)
""")

# %% [markdown]
# gives banana and Orange. pandas has three methods, anchored differently:
#
# | pandas | anchored at | SQL equivalent |
# |---|---|---|
# | `str.contains(p)` | nowhere | `REGEXP 'p'` |
# | `str.match(p)` | the start only | `REGEXP '^p'` |
# | `str.fullmatch(p)` | both ends | `REGEXP '^p$'` (see the newline trap) |

# %%
name[name.str.contains("an")].tolist()

# %%
name[name.str.match("a")].tolist()

# %%
name[name.str.fullmatch("[a-z]+")].tolist()

# %% [markdown]
# On the server the same anchored pattern also lets Orange and Apricot through, because the
# collation is case-insensitive, and `COLLATE utf8mb4_bin` brings back pandas' answer:

# %%
sql(r"""
SELECT name FROM Fruits WHERE name REGEXP '^[a-z]+$' ORDER BY id;
-- => ('apple',)
-- => ('banana',)
-- => ('Orange',)
-- => ('kiwi',)
-- => ('a',)
-- => ('Apricot',)
""")

# %%
sql(r"""
SELECT name FROM Fruits WHERE name COLLATE utf8mb4_bin REGEXP '^[a-z]+$' ORDER BY id;
-- => ('apple',)
-- => ('banana',)
-- => ('kiwi',)
-- => ('a',)
""")

# %% [markdown]
# The first gives apple, banana, Orange, kiwi, a, Apricot; the second apple, banana, kiwi, a.
#
# ### Backslashes are eaten before the regex sees them
#
# A MySQL string literal has its own escapes (`\n`, `\t`, `\b`, `\\`, ...), and an unknown one
# simply loses its backslash. So `'a\w*'` reaches the regex engine as `aw*` ("an a, then any
# number of w"), and `'\b'` is one backspace character (byte 08), not a word boundary:

# %%
sql(r"""
SELECT 'a\w*' AS pattern, HEX('\b') AS backspace, 'orange' REGEXP 'a\w*' AS hit;
-- => ('aw*', '08', 1)
""")

# %% [markdown]
# gives `aw*`, `08`, `1`. And since the pattern is not anchored, `'a\w*'` matches every name
# holding an `a` anywhere, whatever you meant:

# %%
sql(r"""
SELECT name FROM Fruits WHERE name REGEXP 'a\w*' ORDER BY id;
-- => ('apple',)
-- => ('banana',)
-- => ('Orange',)
-- => ('a',)
-- => ('Apricot',)
""")

# %% [markdown]
# gives apple, banana, Orange, a, Apricot. pandas reads the raw string `r"a\w*"` as intended,
# but `str.contains` is not anchored either:

# %%
name[name.str.contains(r"a\w*")].tolist()

# %%
name[name.str.fullmatch(r"a\w*")].tolist()

# %% [markdown]
# Double the backslash (`'^a\\w*$'`) or, better, avoid it: `[.]` is a literal dot, `[0-9]`
# a digit, `[[:alnum:]]` a letter or digit on both servers.
#
# ### `$` matches before a final newline
#
# In Python's `re`, `$` matches at the very end **or just before a newline at the end**. So
# `str.match("abc$")` accepts `"abc\n"`; `str.fullmatch("abc")` does not:

# %%
s = pd.Series(["abc", "abc\n", "xabc"])
s.str.match("abc$").tolist(), s.str.fullmatch("abc").tolist()

# %% [markdown]
# The server's `$` does the same: MariaDB's PCRE2 (tested here) and MySQL 8's ICU engine both
# let `$` match just before a line terminator that ends the value, so `REGEXP '^...$'` accepts
# a value ending in a newline. `\z` means "the very end"
# on both; written in a string literal it needs its backslash doubled, `'...\\z'`:

# %%
sql(r"""
SELECT CONCAT('abc', CHAR(10)) REGEXP '^abc$' AS dollar, CONCAT('abc', CHAR(10)) REGEXP '^abc\\z' AS z;
-- => (1, 0)
""")

# %% [markdown]
# gives `1` and `0`. Exercise 1517 (valid e-mails) relies on both fixes: `COLLATE utf8mb4_bin`
# so that `@LEETCODE.COM` fails, and `\\z` so that a trailing newline fails.

# %% [markdown]
# ## 6. Collations: `'Apple' = 'apple'`

# %%
sql(r"""
SELECT 'Apple' = 'apple' AS ci, 'Apple' = 'apple' COLLATE utf8mb4_bin AS bin, 'é' = 'e' AS accent, 'a' = 'a ' AS pad;
-- => (1, 0, 1, 1)
""")

# %% [markdown]
# gives `1, 0, 1, 1`. Under `utf8mb4_unicode_ci` equality ignores case and accents, and
# trailing spaces (a "PAD SPACE" collation). The same rules drive `LIKE`, `REGEXP`,
# `GROUP BY`, `DISTINCT` and unique keys. pandas compares code points, nothing else.

# %% [markdown]
# ## 7. MySQL 8 and MariaDB
#
# The SQL in this chapter runs on both. Where they differ:
#
# - MySQL 8's regex engine is ICU, MariaDB's is PCRE2. `REGEXP_LIKE()` exists only in MySQL;
#   `REGEXP` works on both. Both honour the collation for case.
# - MySQL 8's own default collation `utf8mb4_0900_ai_ci` is NO PAD (`'a' = 'a '` is false
#   there); our tables use `utf8mb4_unicode_ci`, which exists on both and pads.
# - With `sql_mode` containing `NO_BACKSLASH_ESCAPES` a backslash is an ordinary character;
#   our sessions leave it out, as both servers do by default.

# %% [markdown]
# ## 8. The exercises
#
# | # | exercise | what it practises |
# |---|---|---|
# | 1683 | Invalid Tweets | `CHAR_LENGTH`, not `LENGTH`; spaces count |
# | 1873 | Calculate Special Bonus | a computed column with `CASE`; case-sensitive `LIKE`; `%` of a negative number |
# | 1667 | Fix Names in a Table | `UPPER`/`LOWER`/`LEFT`/`SUBSTRING`; Unicode case mapping |
# | 1517 | Find Users With Valid E-Mails | an anchored, case-sensitive `REGEXP`; `$` vs `\z` |
# | 1527 | Patients With a Condition | `LIKE` with `%` on both sides of a space; collation |
#
# Solve them yourself with `make practice EX=1683` and `make check EX=1683` (see "Practice
# mode" in the top README): the judge names the trap when your answer falls into one of those
# below. Each exercise is `exercises/<slug>.py` (statement, pandas solution, hints, known wrong
# answers), `sql/ch07/<slug>/` (DDL, `solution.sql`, `wrong/*.sql`) and `data/ch07/<slug>/`.
#
# One more difference shows up in 1873: `-3 % 2` is `-1` in MySQL (the sign of the dividend)
# and `1` in Python (the sign of the divisor), so "odd" is written `% 2 <> 0` on both sides.

# %% [markdown]
# ## Traps
#
# Each is asserted against the server in `tests/test_traps.py`.
#
# - **`%` matches zero characters too**: `'a' LIKE 'a%'` is true.
# - **`REGEXP` searches anywhere** unless anchored with `^...$`: `'a\w*'` matches banana and
#   orange, not only apple.
# - **String literals eat backslashes**: `'a\w*'` reaches the regex as `aw*`; `'\b'` is a
#   backspace. Double them (`'\\w'`) or use classes (`[.]`).
# - **`_ci` collations ignore case** (and accents): `'Apple' = 'apple'`, and `@LEETCODE.COM`
#   passes an e-mail check unless the SQL says `COLLATE utf8mb4_bin`.
# - **`str.match` anchors the start only**, and `$` matches before a final `\n`: use
#   `str.fullmatch` in pandas and `\\z` on the server.
# - **`LENGTH` counts bytes**: `LENGTH('é') = 2`, `LENGTH('😀') = 4`; use `CHAR_LENGTH`.
# - **Case mapping differs outside ASCII**: `UPPER('ß')` is `ß`, `'ß'.upper()` is `'SS'`.

# %% [markdown]
# ## Exercises
#
# 1. Write 1527 with a single `REGEXP` instead of two `LIKE`s, and check it against the pandas
#    solution on the example tables.
# 2. Find the fruits whose name has exactly two vowels, in both languages.
# 3. Which names does `LIKE '%a_'` select? Work it out by hand, then ask the server.

# %% [markdown]
# ## Summary
#
# `str.len` is `CHAR_LENGTH`; `.str[...]` slices are `SUBSTRING` shifted by one; `LIKE` and
# `REGEXP` follow the column's collation, so on a `_ci` table they ignore case until you add
# `COLLATE utf8mb4_bin`. In pandas choose the anchoring explicitly (`contains`, `match`,
# `fullmatch`), and in SQL write it (`^`, `\\z`) — remembering that a MySQL string literal
# changes your backslashes before the regex sees them.

# %%
sql.close()  # drops the lesson's throwaway database
