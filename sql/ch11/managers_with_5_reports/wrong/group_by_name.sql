-- 570. Managers with at Least 5 Direct Reports: a known wrong answer.
-- trap: grouping by the name merges two managers who share it
-- lesson: 4. Self-joins
SELECT m.name
FROM Employee AS m
JOIN Employee AS e ON e.managerId = m.id
GROUP BY m.name
HAVING COUNT(*) >= 5;
