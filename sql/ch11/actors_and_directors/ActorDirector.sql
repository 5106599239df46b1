CREATE TABLE ActorDirector (
    actor_id INT NOT NULL,
    director_id INT NOT NULL,
    `timestamp` INT NOT NULL,
    PRIMARY KEY (`timestamp`)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
