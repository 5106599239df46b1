-- 176. Second Highest Salary, rewritten for the index on salary.
-- The largest salary below the largest one: with idx_employee_salary both MAX()es are read
-- from the end of the index (EXPLAIN: "Select tables optimized away"), where
-- DISTINCT ... ORDER BY ... LIMIT 1 OFFSET 1 collects every distinct salary and sorts them.
-- MAX over no rows is NULL, as the problem asks when there is no second salary.
SELECT MAX(salary) AS SecondHighestSalary
FROM Employee
WHERE salary < (SELECT MAX(salary) FROM Employee);
