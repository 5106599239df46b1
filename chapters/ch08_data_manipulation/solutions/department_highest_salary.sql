-- 184. Department Highest Salary
-- Top salary per department with ties: rank inside each department, keep rank 1.
SELECT d.name AS Department, ranked.name AS Employee, ranked.salary AS Salary
FROM (
    SELECT name, salary, departmentId,
           RANK() OVER (PARTITION BY departmentId ORDER BY salary DESC) AS salary_rank
    FROM Employee
    WHERE salary IS NOT NULL
) AS ranked
JOIN Department AS d ON d.id = ranked.departmentId
WHERE ranked.salary_rank = 1;
