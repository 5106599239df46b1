-- 1527. Patients With a Condition: a known wrong answer.
-- trap: _ci collation: 'diab100' LIKE 'DIAB1%' is true
-- lesson: 6. Collations: `'Apple' = 'apple'`
SELECT patient_id, patient_name, conditions
FROM Patients
WHERE conditions LIKE 'DIAB1%' OR conditions LIKE '% DIAB1%';
