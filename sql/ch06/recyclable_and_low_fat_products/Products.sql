CREATE TABLE Products (
    product_id INT NOT NULL,
    low_fats ENUM('Y', 'N'),
    recyclable ENUM('Y', 'N'),
    PRIMARY KEY (product_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
