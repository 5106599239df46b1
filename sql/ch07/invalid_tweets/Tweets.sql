CREATE TABLE Tweets (
    tweet_id INT NOT NULL,
    content VARCHAR(255),
    PRIMARY KEY (tweet_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
