-- 596. Classes More Than 5 Students: a known wrong answer.
-- trap: 'at least five' includes five: >=, not >
-- lesson: 2. HAVING: filtering the groups
SELECT class
FROM Courses
GROUP BY class
HAVING COUNT(*) > 5;
