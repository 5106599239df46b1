-- WHERE amount > 500 keeps about half the bills: too many for an index to pick out one by
-- one, so every bill is read either way. An index on (customer_id, amount) holds both
-- columns, so the server reads the index instead of the wider table (EXPLAIN: "index",
-- "Using index") and meets each customer's bills side by side. An index on
-- (amount, customer_id), read as one range from 501 up, was slower here (0.18 s against
-- 0.15 s at a million bills).
CREATE INDEX idx_store_customer_amount ON Store (customer_id, amount);
