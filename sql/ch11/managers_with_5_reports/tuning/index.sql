-- managerId refers to Employee.id (the index a FOREIGN KEY would make): the join reads the
-- reports from this small index instead of the whole table ("Using index"). The GROUP BY
-- still fills a temporary table.
CREATE INDEX idx_employee_manager ON Employee (managerId);
