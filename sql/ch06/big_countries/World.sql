CREATE TABLE World (
    name VARCHAR(255) NOT NULL,
    continent VARCHAR(255),
    area INT,
    population INT,
    gdp BIGINT,
    PRIMARY KEY (name)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
