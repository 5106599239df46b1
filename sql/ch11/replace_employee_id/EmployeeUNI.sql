CREATE TABLE EmployeeUNI (
    id INT NOT NULL,
    unique_id INT NOT NULL,
    PRIMARY KEY (id, unique_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
