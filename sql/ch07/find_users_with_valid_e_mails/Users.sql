CREATE TABLE Users (
    user_id INT NOT NULL,
    name VARCHAR(255),
    mail VARCHAR(255),
    PRIMARY KEY (user_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
