-- The two COUNT(DISTINCT ...) make the server sort every row by (date_id, make_name) first
-- ("Using filesort"). This covering index keeps the rows in that order, with both counted
-- columns in it: EXPLAIN says "Using index", no sort.
CREATE INDEX idx_dailysales_group ON DailySales (date_id, make_name, lead_id, partner_id);
