-- DISTINCT salary ORDER BY salary DESC LIMIT 1 OFFSET 1 reads the index from its top end and
-- stops after two distinct values, instead of sorting every salary.
CREATE INDEX idx_employee_salary ON Employee (salary);
