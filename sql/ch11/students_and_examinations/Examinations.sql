CREATE TABLE Examinations (
    student_id INT,
    subject_name VARCHAR(255)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
