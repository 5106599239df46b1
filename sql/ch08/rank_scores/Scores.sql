CREATE TABLE Scores (
    id INT NOT NULL,
    score DECIMAL(3, 2),
    PRIMARY KEY (id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
