-- 178. Rank Scores
-- RANK is a reserved word in MySQL 8 (not in MariaDB): the backticks make it a plain name.
SELECT score, DENSE_RANK() OVER (ORDER BY score DESC) AS `rank`
FROM Scores
ORDER BY score DESC;
