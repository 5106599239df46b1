-- 177. Nth Highest Salary: a known wrong answer.
-- trap: OFFSET counts the rows skipped: the N-th row is OFFSET N - 1, computed into a variable
-- lesson: 2. The N-th value, or NULL
-- (OFFSET N - 1 is a syntax error, so this answer skips the subtraction: one row too far.)
DROP FUNCTION IF EXISTS getNthHighestSalary;
DELIMITER $$
CREATE FUNCTION getNthHighestSalary(N INT) RETURNS INT
DETERMINISTIC
READS SQL DATA
BEGIN
    RETURN (
        SELECT DISTINCT salary
        FROM Employee
        ORDER BY salary DESC
        LIMIT 1 OFFSET N
    );
END $$
DELIMITER ;
