-- 1378. Replace Employee ID With The Unique Identifier: a known wrong answer.
-- trap: a left join keeps the rows of the table on its left: here the unique ids, not the employees
-- lesson: 1. Inner and left joins
SELECT u.unique_id, e.name
FROM EmployeeUNI AS u
LEFT JOIN Employees AS e ON e.id = u.id;
