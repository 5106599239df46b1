-- 1484. Group Sold Products By The Date: a known wrong answer.
-- trap: the _ci collation merges 'Pen' and 'pen' and sorts ignoring case
-- lesson: 6. Case-insensitive collations: grouping and ordering
SET SESSION group_concat_max_len = 1000000;
SELECT
    sell_date,
    COUNT(DISTINCT product) AS num_sold,
    GROUP_CONCAT(DISTINCT product ORDER BY product SEPARATOR ',') AS products
FROM Activities
GROUP BY sell_date
ORDER BY sell_date;
