-- 1683. Invalid Tweets
-- CHAR_LENGTH counts characters; LENGTH would count bytes (2 for 'é', 4 for an emoji).
SELECT tweet_id
FROM Tweets
WHERE CHAR_LENGTH(content) > 15;
