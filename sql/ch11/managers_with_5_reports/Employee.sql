CREATE TABLE Employee (
    id INT NOT NULL,
    name VARCHAR(255),
    department VARCHAR(255),
    managerId INT,
    PRIMARY KEY (id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
