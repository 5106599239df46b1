-- 1873. Calculate Special Bonus
-- COLLATE utf8mb4_bin makes the LIKE case-sensitive: under the table's _ci collation
-- 'mika' LIKE 'M%' is true. `<> 0` rather than `= 1`, because -3 % 2 is -1 in MySQL.
SELECT employee_id,
       CASE
           WHEN employee_id % 2 <> 0 AND name COLLATE utf8mb4_bin NOT LIKE 'M%' THEN salary
           ELSE 0
       END AS bonus
FROM Employees
ORDER BY employee_id;
