CREATE TABLE Accounts (
    account_id INT NOT NULL,
    income INT,
    PRIMARY KEY (account_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
