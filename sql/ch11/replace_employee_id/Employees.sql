CREATE TABLE Employees (
    id INT NOT NULL,
    name VARCHAR(255),
    PRIMARY KEY (id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
