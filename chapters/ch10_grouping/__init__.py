"""Chapter 10: grouping in pandas and MySQL (GROUP BY, HAVING, GROUP_CONCAT, NULL keys)."""
