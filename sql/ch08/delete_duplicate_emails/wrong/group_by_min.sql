-- 196. Delete Duplicate Emails: a known wrong answer.
-- trap: GROUP BY puts all NULL emails in one group, so only one row without an email stays
-- lesson: 4. Deleting duplicates in place
-- (The derived table gets round MySQL's error 1093; the NULL group is the mistake.)
DELETE FROM Person
WHERE id NOT IN (
    SELECT keep_id FROM (SELECT MIN(id) AS keep_id FROM Person GROUP BY email) AS k
);
