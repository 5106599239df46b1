-- 177. Nth Highest Salary: a known wrong answer.
-- trap: equal salaries count once: without DISTINCT a tie takes two places
-- lesson: 2. The N-th value, or NULL
DROP FUNCTION IF EXISTS getNthHighestSalary;
DELIMITER $$
CREATE FUNCTION getNthHighestSalary(N INT) RETURNS INT
DETERMINISTIC
READS SQL DATA
BEGIN
    DECLARE skipped INT DEFAULT N - 1;
    IF N < 1 THEN
        RETURN NULL;
    END IF;
    RETURN (
        SELECT salary
        FROM Employee
        ORDER BY salary DESC
        LIMIT 1 OFFSET skipped
    );
END $$
DELIMITER ;
