-- One index serves both halves: MAX(salary) per department is read from the end of each
-- department's range (no temporary table), and the join back finds the employees earning
-- it by (departmentId, salary) instead of scanning Employee again.
CREATE INDEX idx_employee_department_salary ON Employee (departmentId, salary);
