-- 196. Delete Duplicate Emails
-- Delete p1 when another row p2 has the same email and a smaller id. A self-join, because
-- MySQL refuses a subquery that reads the table being deleted from (error 1093).
DELETE p1
FROM Person AS p1
JOIN Person AS p2 ON p1.email = p2.email AND p1.id > p2.id;
