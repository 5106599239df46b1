"""Deleting duplicate rows in place: the statements MySQL refuses, and those both servers run."""

# Refused by MySQL (error 1093: the subquery reads the table being deleted from); MariaDB
# accepts it since 10.3.1. It also treats all NULL emails as one group.
SUBQUERY_DELETE = "DELETE FROM Person WHERE id NOT IN (SELECT MIN(id) FROM Person GROUP BY email)"

# The same, with the subquery wrapped in a derived table: materialised first, so both run it.
WRAPPED_DELETE = (
    "DELETE FROM Person WHERE id NOT IN "
    "(SELECT keep_id FROM (SELECT MIN(id) AS keep_id FROM Person GROUP BY email) AS k)"
)

# The exercise's answer: delete the later row of every pair with equal emails (NULLs never pair).
SELF_JOIN_DELETE = (
    "DELETE p1 FROM Person AS p1 JOIN Person AS p2 ON p1.email = p2.email AND p1.id > p2.id"
)
