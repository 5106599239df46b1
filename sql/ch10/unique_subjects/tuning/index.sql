-- GROUP BY teacher_id with COUNT(DISTINCT subject_id) sorts every row first ("Using
-- filesort"). An index on (teacher_id, subject_id) holds the pairs already sorted, and the
-- server reads each distinct pair once ("Using index for group-by").
CREATE INDEX idx_teacher_teacher_subject ON Teacher (teacher_id, subject_id);
