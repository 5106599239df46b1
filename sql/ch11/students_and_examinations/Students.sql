CREATE TABLE Students (
    student_id INT NOT NULL,
    student_name VARCHAR(255),
    PRIMARY KEY (student_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
