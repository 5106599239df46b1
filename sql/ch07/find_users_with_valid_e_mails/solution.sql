-- 1517. Find Users With Valid E-Mails
-- COLLATE utf8mb4_bin: under _ci 'x@LEETCODE.COM' would match too.
-- '\\z' reaches the regex as \z (end of the string); a plain $ also matches before a final
-- newline. [.] is a literal dot without any backslash.
SELECT user_id, name, mail
FROM Users
WHERE mail COLLATE utf8mb4_bin REGEXP '^[A-Za-z][A-Za-z0-9_.-]*@leetcode[.]com\\z';
