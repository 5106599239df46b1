"""Chapter 9: statistics, pandas next to MySQL (counting, averages of conditions, rounding, zero rows)."""
