-- 183. Customers Who Never Order: a known wrong answer.
-- trap: NOT IN with a NULL in the list is never true
-- lesson: 7. Anti-joins: the rows with no partner
SELECT name AS Customers
FROM Customers
WHERE id NOT IN (SELECT customerId FROM Orders);
