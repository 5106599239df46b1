-- 1667. Fix Names in a Table: a known wrong answer.
-- trap: only the first character was changed: the rest must be lower-cased too
-- lesson: 3. Case, slices and concatenation
SELECT user_id,
       CONCAT(UPPER(LEFT(name, 1)), SUBSTRING(name, 2)) AS name
FROM Users
ORDER BY user_id;
