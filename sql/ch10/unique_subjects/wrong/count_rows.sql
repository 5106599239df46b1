-- 2356. Number of Unique Subjects Taught by Each Teacher: a known wrong answer.
-- trap: COUNT counts rows: a subject taught in two departments counts twice
-- lesson: 1. GROUP BY and named aggregations
SELECT teacher_id, COUNT(subject_id) AS cnt
FROM Teacher
GROUP BY teacher_id;
