-- The primary key is sorted by (emp_id, event_day); GROUP BY event_day, emp_id wants the other
-- order. This index has it and covers the query (in_time rides along as part of the primary
-- key), so the groups arrive in order and no temporary table is built.
CREATE INDEX idx_employees_day_emp ON Employees (event_day, emp_id, out_time);
