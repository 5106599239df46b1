"""Chapter 8: data manipulation, pandas next to MySQL (ranking, LIMIT/OFFSET, deleting, unpivoting)."""
