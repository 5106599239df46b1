-- 1527. Patients With a Condition: a known wrong answer.
-- trap: '%DIAB1%' finds DIAB1 inside another code too
-- lesson: 4. `LIKE`: `%` is zero or more, `_` is exactly one
SELECT patient_id, patient_name, conditions
FROM Patients
WHERE conditions COLLATE utf8mb4_bin LIKE '%DIAB1%';
