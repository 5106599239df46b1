-- 607. Sales Person: a known wrong answer.
-- trap: NOT IN with a NULL in the list is never true
-- lesson: 7. Anti-joins: NOT EXISTS, and the NOT IN trap
SELECT name
FROM SalesPerson
WHERE sales_id NOT IN (
    SELECT o.sales_id
    FROM Orders AS o
    JOIN Company AS c ON c.com_id = o.com_id
    WHERE c.name COLLATE utf8mb4_bin = 'RED'
);
