"""Hypothesis strategies for small input tables: what the judge and the tests generate."""

from __future__ import annotations

import pandas as pd
from hypothesis import strategies as st

# Text that stresses the differences between the engines: case, accents, emoji, spaces.
TRICKY_ALPHABET = st.sampled_from(list("abcABC xyzXYZ_%.-@09éÉßı😀'\"\\"))


def tricky_text(min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Short strings mixing case, unicode, quotes, backslashes, LIKE wildcards and spaces."""
    return st.text(TRICKY_ALPHABET, min_size=min_size, max_size=max_size)


def key_text(min_size: int = 1, max_size: int = 8) -> st.SearchStrategy[str]:
    """Strings safe as (part of) a primary key: ASCII letters and digits, no trailing space.

    Under utf8mb4_unicode_ci, 'Ab' = 'ab' = 'ab ' and 'é' = 'e', so richer keys would collide
    on the server but not in pandas; deduplicate with `sql_key` when generating them.
    """
    return st.text(st.sampled_from(list("abcdeABCDE0123")), min_size=min_size, max_size=max_size)


def sql_key(value: str) -> str:
    """How a _ci, PAD SPACE collation sees a key (enough for key_text's alphabet)."""
    return value.rstrip(" ").casefold()


def frame(
    columns: dict[str, st.SearchStrategy],
    dtypes: dict[str, str],
    *,
    min_rows: int = 0,
    max_rows: int = 12,
    unique: tuple[str, ...] = (),
) -> st.SearchStrategy[pd.DataFrame]:
    """A DataFrame strategy: one strategy per column; rows unique on `unique` as the server sees it."""

    def key(row: dict) -> tuple:
        return tuple(sql_key(v) if isinstance(v, str) else v for v in (row[c] for c in unique))

    rows = st.lists(
        st.fixed_dictionaries(columns),
        min_size=min_rows,
        max_size=max_rows,
        unique_by=key if unique else None,
    )

    def build(records: list[dict]) -> pd.DataFrame:
        result = pd.DataFrame(records, columns=list(columns), dtype=object)
        for column, dtype in dtypes.items():
            result[column] = result[column].astype(dtype)
        return result

    return rows.map(build)
