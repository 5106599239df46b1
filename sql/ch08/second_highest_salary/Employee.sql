CREATE TABLE Employee (
    id INT NOT NULL,
    salary INT,
    PRIMARY KEY (id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
