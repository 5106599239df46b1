-- Both GROUP BY customer_number read the index in order, counting each run of equal keys,
-- instead of filling a temporary table with one row per customer.
CREATE INDEX idx_orders_customer_number ON Orders (customer_number);
