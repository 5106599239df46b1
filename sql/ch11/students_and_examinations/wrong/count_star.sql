-- 1280. Students and Examinations: a known wrong answer.
-- trap: COUNT(*) counts the NULL-padded row: no exam counts as 1
-- lesson: 3. Counting matches, zeros included
SELECT s.student_id, s.student_name, sub.subject_name, COUNT(*) AS attended_exams
FROM Students AS s
CROSS JOIN Subjects AS sub
LEFT JOIN Examinations AS e
    ON e.student_id = s.student_id
    AND e.subject_name COLLATE utf8mb4_bin = sub.subject_name COLLATE utf8mb4_bin
GROUP BY s.student_id, s.student_name, sub.subject_name
ORDER BY s.student_id, sub.subject_name COLLATE utf8mb4_bin;
