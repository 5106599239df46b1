-- GROUP BY sell_date with COUNT(DISTINCT ...) and GROUP_CONCAT(DISTINCT ...) sorts every row
-- first ("Using filesort"). A covering index on (sell_date, product) hands the rows over
-- grouped by day: EXPLAIN says "Using index", and the sort is gone.
CREATE INDEX idx_activities_date_product ON Activities (sell_date, product);
