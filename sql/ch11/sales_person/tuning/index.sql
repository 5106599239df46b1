-- Orders.com_id refers to Company.com_id: index it, with sales_id beside it. The subquery then
-- finds company RED first and reads only its orders from the index (EXPLAIN: o is `ref` on
-- idx_orders_company_sales, "Using index"), instead of scanning every order.
CREATE INDEX idx_orders_company_sales ON Orders (com_id, sales_id);
