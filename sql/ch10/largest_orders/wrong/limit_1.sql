-- 586. Customer Placing the Largest Number of Orders: a known wrong answer.
-- trap: LIMIT 1 drops the tied customers
-- lesson: 7. Ties: "the" customer with the most orders
-- ties: which of the tied customers survives LIMIT 1 is up to the server's plan
SELECT customer_number
FROM Orders
GROUP BY customer_number
ORDER BY COUNT(*) DESC
LIMIT 1;
