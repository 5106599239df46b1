-- 2082. The Number of Rich Customers
-- COUNT(DISTINCT col) counts each customer once and ignores NULL; with no rich bill it is 0.
SELECT COUNT(DISTINCT customer_id) AS rich_count
FROM Store
WHERE amount > 500;
