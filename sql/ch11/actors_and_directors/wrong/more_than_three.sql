-- 1050. Actors and Directors Who Cooperated At Least Three Times: a known wrong answer.
-- trap: 'at least three times' includes three: >=, not >
-- lesson: Exercises
SELECT actor_id, director_id
FROM ActorDirector
GROUP BY actor_id, director_id
HAVING COUNT(*) > 3;
