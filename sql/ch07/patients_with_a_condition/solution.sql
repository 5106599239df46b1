-- 1527. Patients With a Condition
-- COLLATE utf8mb4_bin: under _ci, 'diab100' and even 'DIÁB1' would match 'DIAB1%'.
SELECT patient_id, patient_name, conditions
FROM Patients
WHERE conditions COLLATE utf8mb4_bin LIKE 'DIAB1%'
   OR conditions COLLATE utf8mb4_bin LIKE '% DIAB1%';
