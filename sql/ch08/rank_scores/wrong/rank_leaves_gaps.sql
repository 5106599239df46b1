-- 178. Rank Scores: a known wrong answer.
-- trap: RANK() leaves a gap after a tie (1, 1, 3); DENSE_RANK() does not
-- lesson: 1. Ranking
SELECT score, RANK() OVER (ORDER BY score DESC) AS `rank`
FROM Scores
ORDER BY score DESC;
