-- The harness's own test table: every kind of awkward value in data/common/tricky.csv.
CREATE TABLE tricky (
    id INT NOT NULL,
    label VARCHAR(255) NULL,
    note TEXT NULL,
    amount DECIMAL(10, 2) NULL,
    day DATE NULL,
    PRIMARY KEY (id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
