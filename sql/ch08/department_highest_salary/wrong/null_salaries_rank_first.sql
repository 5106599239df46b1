-- 184. Department Highest Salary: a known wrong answer.
-- trap: an all-NULL department still gets rank 1 from DENSE_RANK
-- lesson: 3. The top N per group, ties included
SELECT d.name AS Department, ranked.name AS Employee, ranked.salary AS Salary
FROM (
    SELECT name, salary, departmentId,
           DENSE_RANK() OVER (PARTITION BY departmentId ORDER BY salary DESC) AS place
    FROM Employee
) AS ranked
JOIN Department AS d ON d.id = ranked.departmentId
WHERE ranked.place = 1;
