-- 2082. The Number of Rich Customers: a known wrong answer.
-- trap: COUNT(*) counts the row of the NULL customer; COUNT(col) and COUNT(DISTINCT col) skip it
-- lesson: 1. Counting three ways
SELECT COUNT(*) AS rich_count
FROM (SELECT DISTINCT customer_id FROM Store WHERE amount > 500) AS rich;
