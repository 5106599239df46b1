-- 183. Customers Who Never Order: a known wrong answer.
-- trap: a name is not a key: DISTINCT merges two customers
-- lesson: 5. `DISTINCT` and `drop_duplicates`
SELECT DISTINCT c.name AS Customers
FROM Customers AS c
LEFT JOIN Orders AS o ON o.customerId = c.id
WHERE o.id IS NULL;
