"""Big input tables for the benchmark: `generate(n, rng)` per exercise, vectorised with numpy."""

from __future__ import annotations

import numpy as np
import pandas as pd

LETTERS = np.array(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), dtype=object)


def words(n: int, rng: np.random.Generator, lo: int, hi: int) -> pd.Series:
    """n random strings of lo..hi letters (built column by column, no loop over rows)."""
    lengths = rng.integers(lo, hi + 1, n)
    text = pd.Series([""] * n, dtype=object)
    for position in range(hi):  # a loop over character positions, not over rows
        letter = pd.Series(rng.choice(LETTERS, n), dtype=object)
        text = text + letter.where(lengths > position, "")
    return text


def ids(n: int) -> pd.Series:
    return pd.Series(np.arange(1, n + 1), dtype="Int64")


def invalid_tweets(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n tweets of 5 to 25 letters."""
    return {"Tweets": pd.DataFrame({"tweet_id": ids(n), "content": words(n, rng, 5, 25)})}


def calculate_special_bonus(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n employees; names of 3 to 10 letters, a fifth of them starting with 'M'."""
    names = words(n, rng, 3, 10)
    names = names.mask(rng.random(n) < 0.2, "M" + names)
    salary = pd.Series(rng.integers(1_000, 100_000, n), dtype="Int64")
    employees = pd.DataFrame({"employee_id": ids(n), "name": names, "salary": salary})
    return {"Employees": employees}


def fix_names_in_a_table(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n users with names of 3 to 12 letters in mixed case."""
    return {"Users": pd.DataFrame({"user_id": ids(n), "name": words(n, rng, 3, 12)})}


def find_users_with_valid_e_mails(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n users; about half of the mails valid, the rest with a wrong domain or first character."""
    names = words(n, rng, 3, 8)
    domain = rng.choice(
        np.array(["@leetcode.com", "@leetcode.com", "@LEETCODE.COM", "@leetcodeXcom"], dtype=object),
        n,
    )
    first = rng.choice(np.array(["", "", "", "9", "."], dtype=object), n)
    mail = first + names.str.lower() + domain
    return {"Users": pd.DataFrame({"user_id": ids(n), "name": names, "mail": mail})}


def patients_with_a_condition(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """n patients with zero to two condition codes each, some of them DIAB1xx."""
    codes = np.array(["", "ACNE", "MYOP", "DIAB100", "DIAB201", "SADIAB1", "YFEV"], dtype=object)
    first = pd.Series(rng.choice(codes, n), dtype=object)
    second = pd.Series(rng.choice(codes, n), dtype=object)
    conditions = (first + " " + second).str.strip()
    patients = pd.DataFrame(
        {"patient_id": ids(n), "patient_name": words(n, rng, 3, 8), "conditions": conditions}
    )
    return {"Patients": patients}
