-- 511. Game Play Analysis I: a known wrong answer.
-- trap: grouping by one more column splits each player into several rows
-- lesson: 3. ONLY_FULL_GROUP_BY: one value per group, or an error
SELECT player_id, MIN(event_date) AS first_login
FROM Activity
GROUP BY player_id, device_id;
