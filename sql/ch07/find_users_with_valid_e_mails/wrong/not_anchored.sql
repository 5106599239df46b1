-- 1517. Find Users With Valid E-Mails: a known wrong answer.
-- trap: REGEXP searches anywhere unless anchored with ^
-- lesson: 5. `REGEXP`: not anchored unless you anchor it
SELECT user_id, name, mail
FROM Users
WHERE mail COLLATE utf8mb4_bin REGEXP '[A-Za-z][A-Za-z0-9_.-]*@leetcode[.]com\\z';
