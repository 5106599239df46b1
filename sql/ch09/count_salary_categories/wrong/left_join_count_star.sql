-- 1907. Count Salary Categories: a known wrong answer.
-- trap: after a LEFT JOIN, COUNT(*) counts the NULL-padded row: an empty category gets 1
-- lesson: 4. Categories with a count of 0
SELECT c.category, COUNT(*) AS accounts_count
FROM (
    SELECT 'Low Salary' AS category, -2147483648 AS low, 19999 AS high
    UNION ALL SELECT 'Average Salary', 20000, 50000
    UNION ALL SELECT 'High Salary', 50001, 2147483647
) AS c
LEFT JOIN Accounts AS a ON a.income BETWEEN c.low AND c.high
GROUP BY c.category, c.low;
