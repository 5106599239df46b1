"""Large random tables for the scale benchmark: generate(n, rng) -> {table: DataFrame} per exercise."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _nullable(values: np.ndarray, rng: np.random.Generator, null_share: float) -> pd.array:
    """Integers as Int64 with about `null_share` of them NULL."""
    return pd.array(np.where(rng.random(len(values)) < null_share, None, values), dtype="Int64")


def _ids(n: int) -> pd.array:
    return pd.array(np.arange(1, n + 1), dtype="Int64")


def bills(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Store(bill_id, customer_id, amount): ~10 bills a customer, amounts 0..1000, 1% NULL."""
    store = pd.DataFrame(
        {
            "bill_id": _ids(n),
            "customer_id": _nullable(rng.integers(1, max(2, n // 10), n), rng, 0.01),
            "amount": _nullable(rng.integers(0, 1001, n), rng, 0.01),
        }
    )
    return {"Store": store}


def deliveries(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Delivery(...): orders over a year, wanted 0-2 days later (about a third the same day)."""
    order = np.datetime64("2025-01-01") + rng.integers(0, 365, n).astype("timedelta64[D]")
    wanted = order + rng.integers(0, 3, n).astype("timedelta64[D]")
    delivery = pd.DataFrame(
        {
            "delivery_id": _ids(n),
            "customer_id": _nullable(rng.integers(1, max(2, n // 5), n), rng, 0.0),
            "order_date": pd.to_datetime(order).astype("datetime64[ns]"),
            "customer_pref_delivery_date": pd.to_datetime(wanted).astype("datetime64[ns]"),
        }
    )
    return {"Delivery": delivery}


def incomes(n: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Accounts(account_id, income): incomes 0..100000, 1% NULL."""
    income = _nullable(rng.integers(0, 100_001, n), rng, 0.01)
    return {"Accounts": pd.DataFrame({"account_id": _ids(n), "income": income})}
