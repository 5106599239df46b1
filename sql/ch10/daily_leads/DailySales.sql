CREATE TABLE DailySales (
    date_id DATE NOT NULL,
    make_name VARCHAR(255),
    lead_id INT,
    partner_id INT
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
