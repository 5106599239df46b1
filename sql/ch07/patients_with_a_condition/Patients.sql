CREATE TABLE Patients (
    patient_id INT NOT NULL,
    patient_name VARCHAR(255),
    conditions VARCHAR(255),
    PRIMARY KEY (patient_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
