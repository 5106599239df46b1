-- 176. Second Highest Salary
-- The outer SELECT always returns one row: a scalar subquery that finds no row is NULL.
SELECT (
    SELECT DISTINCT salary
    FROM Employee
    ORDER BY salary DESC
    LIMIT 1 OFFSET 1
) AS SecondHighestSalary;
