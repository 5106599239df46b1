-- 184. Department Highest Salary
-- The top salary of each department (MAX skips NULL), joined back to keep every employee who
-- earns it: ties are all kept. For the top N (N > 1) rank with DENSE_RANK() OVER (PARTITION BY
-- ...) instead; for N = 1 this join is the faster of the two on MariaDB.
SELECT d.name AS Department, e.name AS Employee, e.salary AS Salary
FROM Employee AS e
JOIN (
    SELECT departmentId, MAX(salary) AS top_salary
    FROM Employee
    GROUP BY departmentId
) AS m ON m.departmentId = e.departmentId AND m.top_salary = e.salary
JOIN Department AS d ON d.id = e.departmentId;
