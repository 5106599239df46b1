-- 1517. Find Users With Valid E-Mails: a known wrong answer.
-- trap: the string literal eats the backslash: '\.' reaches the regex as '.', any character
-- lesson: Backslashes are eaten before the regex sees them
SELECT user_id, name, mail
FROM Users
WHERE mail COLLATE utf8mb4_bin REGEXP '^[A-Za-z][A-Za-z0-9_.-]*@leetcode\.com\\z';
