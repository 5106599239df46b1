-- 184. Department Highest Salary: a known wrong answer.
-- trap: ROW_NUMBER keeps one of two equal top salaries and loses the other
-- lesson: 3. The top N per group, ties included
-- ties: without the id in ORDER BY, which of the equal salaries gets place 1 is up to the server
SELECT d.name AS Department, ranked.name AS Employee, ranked.salary AS Salary
FROM (
    SELECT id, name, salary, departmentId,
           ROW_NUMBER() OVER (PARTITION BY departmentId ORDER BY salary DESC, id) AS place
    FROM Employee
    WHERE salary IS NOT NULL
) AS ranked
JOIN Department AS d ON d.id = ranked.departmentId
WHERE ranked.place = 1;
