"""Chapter 11: merging in pandas and MySQL (joins, cross joins, self-joins, NULL keys)."""
