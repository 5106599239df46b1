-- 1517. Find Users With Valid E-Mails: a known wrong answer.
-- trap: _ci collation: '@LEETCODE.COM' matches too
-- lesson: 6. Collations: `'Apple' = 'apple'`
SELECT user_id, name, mail
FROM Users
WHERE mail REGEXP '^[A-Za-z][A-Za-z0-9_.-]*@leetcode[.]com\\z';
