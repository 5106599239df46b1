-- 607. Sales Person
-- NOT EXISTS, not NOT IN: one order for RED with a NULL sales_id would make
-- `sales_id NOT IN (...)` unknown for everybody, and the answer empty.
SELECT s.name
FROM SalesPerson AS s
WHERE NOT EXISTS (
    SELECT 1
    FROM Orders AS o
    JOIN Company AS c ON c.com_id = o.com_id
    WHERE o.sales_id = s.sales_id
    AND c.name COLLATE utf8mb4_bin = 'RED'
);
