-- 183. Customers Who Never Order
-- NOT EXISTS, not NOT IN: one NULL customerId would make NOT IN return no rows at all.
SELECT c.name AS Customers
FROM Customers AS c
WHERE NOT EXISTS (SELECT 1 FROM Orders AS o WHERE o.customerId = c.id);
