"""Chapter 7: strings in pandas and MySQL (lengths, case, LIKE, REGEXP, collations)."""
