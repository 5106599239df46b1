-- 1148. Article Views I: a known wrong answer.
-- trap: NULL is no match: <=> makes two unknown ids equal
-- lesson: 3. `IS NULL` next to `isna`
SELECT DISTINCT author_id AS id
FROM Views
WHERE author_id <=> viewer_id
ORDER BY id;
