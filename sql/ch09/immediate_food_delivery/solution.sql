-- 1173. Immediate Food Delivery I
-- A comparison is 1 or 0, so its AVG is the fraction of rows where it holds.
SELECT ROUND(100 * AVG(order_date = customer_pref_delivery_date), 2) AS immediate_percentage
FROM Delivery;
