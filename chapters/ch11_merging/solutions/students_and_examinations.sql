-- 1280. Students and Examinations
-- Names match and sort exactly (COLLATE utf8mb4_bin), as in pandas: under the table's
-- utf8mb4_unicode_ci an exam of 'math' would count for 'Math', and 'art' would sort first.
SELECT
    s.student_id,
    s.student_name,
    sub.subject_name,
    COUNT(e.student_id) AS attended_exams
FROM Students AS s
CROSS JOIN Subjects AS sub
LEFT JOIN Examinations AS e
    ON e.student_id = s.student_id
    AND e.subject_name = sub.subject_name COLLATE utf8mb4_bin
GROUP BY s.student_id, s.student_name, sub.subject_name
ORDER BY s.student_id, sub.subject_name COLLATE utf8mb4_bin;
