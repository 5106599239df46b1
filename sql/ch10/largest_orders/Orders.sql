CREATE TABLE Orders (
    order_number INT NOT NULL,
    customer_number INT NOT NULL,
    PRIMARY KEY (order_number)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
