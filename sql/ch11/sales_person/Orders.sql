CREATE TABLE Orders (
    order_id INT NOT NULL,
    order_date DATE,
    com_id INT,
    sales_id INT,
    amount INT,
    PRIMARY KEY (order_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
