-- 1873. Calculate Special Bonus: a known wrong answer.
-- trap: MySQL's -3 % 2 is -1, so "% 2 = 1" misses negative odd ids
-- lesson: 8. The exercises
SELECT employee_id,
       CASE
           WHEN employee_id % 2 = 1 AND name COLLATE utf8mb4_bin NOT LIKE 'M%' THEN salary
           ELSE 0
       END AS bonus
FROM Employees
ORDER BY employee_id;
