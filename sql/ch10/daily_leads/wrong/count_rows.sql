-- 1693. Daily Leads and Partners: a known wrong answer.
-- trap: COUNT counts rows: a lead that comes back twice counts twice
-- lesson: 1. GROUP BY and named aggregations
SELECT
    date_id,
    make_name,
    COUNT(lead_id) AS unique_leads,
    COUNT(partner_id) AS unique_partners
FROM DailySales
GROUP BY date_id, make_name;
