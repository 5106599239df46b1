-- 176. Second Highest Salary: a known wrong answer.
-- trap: LIMIT past the end gives no row, not NULL
-- lesson: 2. The N-th value, or NULL
SELECT DISTINCT salary AS SecondHighestSalary
FROM Employee
ORDER BY salary DESC
LIMIT 1 OFFSET 1;
