-- 586. Customer Placing the Largest Number of Orders: a known wrong answer.
-- trap: LIMIT 1 drops the tied customers
-- lesson: 7. Ties: "the" customer with the most orders
SELECT customer_number
FROM Orders
GROUP BY customer_number
ORDER BY COUNT(*) DESC
LIMIT 1;
