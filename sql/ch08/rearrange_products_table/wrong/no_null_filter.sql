-- 1795. Rearrange Products Table: a known wrong answer.
-- trap: a NULL price is no store: each SELECT needs WHERE ... IS NOT NULL
-- lesson: 5. Unpivoting: columns to rows
SELECT product_id, 'store1' AS store, store1 AS price FROM Products
UNION ALL
SELECT product_id, 'store2' AS store, store2 AS price FROM Products
UNION ALL
SELECT product_id, 'store3' AS store, store3 AS price FROM Products;
