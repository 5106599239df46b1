CREATE TABLE Store (
    bill_id INT NOT NULL,
    customer_id INT,
    amount INT,
    PRIMARY KEY (bill_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
