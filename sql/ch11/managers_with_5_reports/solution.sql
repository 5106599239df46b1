-- 570. Managers with at Least 5 Direct Reports
SELECT m.name
FROM Employee AS m
JOIN Employee AS e ON e.managerId = m.id
GROUP BY m.id, m.name
HAVING COUNT(*) >= 5;
