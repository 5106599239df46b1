CREATE TABLE Delivery (
    delivery_id INT NOT NULL,
    customer_id INT,
    order_date DATE NOT NULL,
    customer_pref_delivery_date DATE NOT NULL,
    PRIMARY KEY (delivery_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
