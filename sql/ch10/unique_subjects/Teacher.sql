CREATE TABLE Teacher (
    teacher_id INT,
    subject_id INT NOT NULL,
    dept_id INT NOT NULL,
    PRIMARY KEY (subject_id, dept_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
