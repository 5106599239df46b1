-- 1873. Calculate Special Bonus: a known wrong answer.
-- trap: _ci collation: 'mika' LIKE 'M%' is true
-- lesson: 6. Collations: `'Apple' = 'apple'`
SELECT employee_id,
       CASE WHEN employee_id % 2 <> 0 AND name NOT LIKE 'M%' THEN salary ELSE 0 END AS bonus
FROM Employees
ORDER BY employee_id;
