CREATE TABLE Subjects (
    subject_name VARCHAR(255) NOT NULL,
    PRIMARY KEY (subject_name)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
