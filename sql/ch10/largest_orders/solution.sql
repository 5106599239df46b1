-- 586. Customer Placing the Largest Number of Orders (every tied customer)
SELECT customer_number
FROM Orders
GROUP BY customer_number
HAVING COUNT(*) = (
    SELECT MAX(placed)
    FROM (SELECT COUNT(*) AS placed FROM Orders GROUP BY customer_number) AS per_customer
);
