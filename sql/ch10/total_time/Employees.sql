CREATE TABLE Employees (
    emp_id INT NOT NULL,
    event_day DATE NOT NULL,
    in_time INT NOT NULL,
    out_time INT,
    PRIMARY KEY (emp_id, event_day, in_time)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
