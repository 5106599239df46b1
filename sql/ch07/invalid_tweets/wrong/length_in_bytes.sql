-- 1683. Invalid Tweets: a known wrong answer.
-- trap: LENGTH counts bytes, not characters
-- lesson: 2. Length: characters or bytes?
SELECT tweet_id
FROM Tweets
WHERE LENGTH(content) > 15;
