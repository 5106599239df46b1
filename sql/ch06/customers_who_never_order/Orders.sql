CREATE TABLE Orders (
    id INT NOT NULL,
    customerId INT,
    PRIMARY KEY (id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
