CREATE TABLE Activities (
    sell_date DATE NOT NULL,
    product VARCHAR(255) NOT NULL
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
