-- 177. Nth Highest Salary: a stored function, called as SELECT getNthHighestSalary(2);
-- DELIMITER is a command of the mysql client, not SQL: it lets the body's `;` through.
DROP FUNCTION IF EXISTS getNthHighestSalary;
DELIMITER $$
CREATE FUNCTION getNthHighestSalary(N INT) RETURNS INT
DETERMINISTIC
READS SQL DATA
BEGIN
    -- LIMIT/OFFSET take a number or a variable, not an expression such as N - 1.
    DECLARE skipped INT DEFAULT N - 1;
    IF N < 1 THEN
        RETURN NULL;
    END IF;
    RETURN (
        SELECT DISTINCT salary
        FROM Employee
        ORDER BY salary DESC
        LIMIT 1 OFFSET skipped
    );
END $$
DELIMITER ;
