CREATE TABLE Employees (
    employee_id INT NOT NULL,
    name VARCHAR(255),
    salary INT,
    PRIMARY KEY (employee_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
