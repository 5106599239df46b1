-- 1517. Find Users With Valid E-Mails: a known wrong answer.
-- trap: `$` also matches before a final newline
-- lesson: `$` matches before a final newline
SELECT user_id, name, mail
FROM Users
WHERE mail COLLATE utf8mb4_bin REGEXP '^[A-Za-z][A-Za-z0-9_.-]*@leetcode[.]com$';
