-- 595. Big Countries: a known wrong answer.
-- trap: "at least" includes the limit: >=, not >
-- lesson: 2. `WHERE` and a boolean mask
SELECT name, population, area
FROM World
WHERE area > 3000000 OR population > 25000000;
