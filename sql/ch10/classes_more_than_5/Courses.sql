CREATE TABLE Courses (
    student VARCHAR(255) NOT NULL,
    class VARCHAR(255) NOT NULL,
    PRIMARY KEY (student, class)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
