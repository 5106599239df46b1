-- 1484. Group Sold Products By The Date
-- GROUP_CONCAT stops at group_concat_max_len bytes (MySQL 8: 1024), with only a warning.
SET SESSION group_concat_max_len = 1000000;
-- COLLATE utf8mb4_bin: distinct and sorted by exact characters, like Python ('Pen' != 'pen',
-- 'Z' before 'a'); the table's utf8mb4_unicode_ci would merge and order ignoring case.
SELECT
    sell_date,
    COUNT(DISTINCT product COLLATE utf8mb4_bin) AS num_sold,
    GROUP_CONCAT(
        DISTINCT product COLLATE utf8mb4_bin
        ORDER BY product COLLATE utf8mb4_bin
        SEPARATOR ','
    ) AS products
FROM Activities
GROUP BY sell_date
ORDER BY sell_date;
