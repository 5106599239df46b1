CREATE TABLE Activity (
    player_id INT NOT NULL,
    device_id INT,
    event_date DATE NOT NULL,
    games_played INT,
    PRIMARY KEY (player_id, event_date)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
