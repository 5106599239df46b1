CREATE TABLE Products (
    product_id INT NOT NULL,
    store1 INT,
    store2 INT,
    store3 INT,
    PRIMARY KEY (product_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
