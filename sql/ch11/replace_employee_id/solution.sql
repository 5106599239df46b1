-- 1378. Replace Employee ID With The Unique Identifier
SELECT u.unique_id, e.name
FROM Employees AS e
LEFT JOIN EmployeeUNI AS u ON u.id = e.id;
