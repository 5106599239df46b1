-- 1280. Students and Examinations
-- Count the exams first (one row per student and exact subject name), then give every
-- (student, subject) pair its count, 0 when it has none: the same steps as the pandas side,
-- and far faster than joining every pair to every exam.
-- Names match and sort exactly (COLLATE utf8mb4_bin), as in pandas: under the table's
-- utf8mb4_unicode_ci an exam of 'math' would count for 'Math', and 'art' would sort first.
SELECT
    s.student_id,
    s.student_name,
    sub.subject_name,
    COALESCE(taken.attended_exams, 0) AS attended_exams
FROM Students AS s
CROSS JOIN Subjects AS sub
LEFT JOIN (
    SELECT student_id, exact_name, COUNT(*) AS attended_exams
    FROM (
        SELECT student_id, subject_name COLLATE utf8mb4_bin AS exact_name FROM Examinations
    ) AS exams
    GROUP BY student_id, exact_name
) AS taken
    ON taken.student_id = s.student_id
    AND taken.exact_name = sub.subject_name COLLATE utf8mb4_bin
ORDER BY s.student_id, sub.subject_name COLLATE utf8mb4_bin;
