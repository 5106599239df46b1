CREATE TABLE SalesPerson (
    sales_id INT NOT NULL,
    name VARCHAR(255),
    salary INT,
    commission_rate INT,
    hire_date DATE,
    PRIMARY KEY (sales_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
