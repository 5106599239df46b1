"""Large random tables for the scale benchmark: generate(n, rng) -> {table: DataFrame} per exercise."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _nullable(values: np.ndarray, rng: np.random.Generator, null_share: float) -> pd.array:
    """Integers as Int64 with about `null_share` of them NULL."""
    return pd.array(np.where(rng.random(len(values)) < null_share, None, values), dtype="Int64")


def _ids(n: int) -> pd.array:
    return pd.array(np.arange(1, n + 1), dtype="Int64")


def salaries(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Employee(id, salary): many ties (n/4 distinct values), 1% NULL."""
    salary = _nullable(rng.integers(1, max(2, n // 4), n) * 100, rng, 0.01)
    return {"Employee": pd.DataFrame({"id": _ids(n), "salary": salary})}


def departments(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Employee(id, name, salary, departmentId) and Department(id, name): ~100 people a department."""
    k = max(1, n // 100)
    employee = pd.DataFrame(
        {
            "id": _ids(n),
            "name": pd.Series([f"e{i}" for i in range(n)], dtype=object),
            "salary": _nullable(rng.integers(1, 200, n) * 100, rng, 0.01),
            "departmentId": _nullable(rng.integers(1, k + 2, n), rng, 0.01),  # k + 1: unknown
        }
    )
    names = pd.Series([f"d{i}" for i in range(k)], dtype=object)
    department = pd.DataFrame({"id": _ids(k), "name": names})
    return {"Employee": employee, "Department": department}


def scores(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Scores(id, score): hundredths 0.00..9.99, 1% NULL."""
    score = rng.integers(0, 1000, n) / 100
    score[rng.random(n) < 0.01] = np.nan
    return {"Scores": pd.DataFrame({"id": _ids(n), "score": score})}


def people(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Person(id, email): about half the rows repeat an email, some in upper case, 1% NULL."""
    local = np.char.add("u", rng.integers(0, max(1, n // 2), n).astype(str))
    upper = rng.random(n) < 0.1
    email = np.char.add(np.where(upper, np.char.upper(local), local), "@x.io").astype(object)
    email[rng.random(n) < 0.01] = None
    ids = pd.array(rng.permutation(n) + 1, dtype="Int64")
    return {"Person": pd.DataFrame({"id": ids, "email": pd.Series(email, dtype=object)})}


def products(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Products(product_id, store1, store2, store3): each price NULL with probability 0.3."""
    frame = pd.DataFrame({"product_id": _ids(n)})
    for store in ("store1", "store2", "store3"):
        frame[store] = _nullable(rng.integers(0, 1000, n), rng, 0.3)
    return {"Products": frame}
