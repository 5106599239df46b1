CREATE TABLE Company (
    com_id INT NOT NULL,
    name VARCHAR(255),
    city VARCHAR(255),
    PRIMARY KEY (com_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
