"""Strategies the chapter's exercises share: ids with negatives, and values or NULL."""

from hypothesis import strategies as st

row_id = st.integers(-30, 30)  # negative ids too: MySQL's % keeps the sign of the dividend


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """The strategy's values or NULL (values first, so that shrinking prefers a value)."""
    return st.one_of(strategy, st.none())
