-- 1741. Find Total Time Spent by Each Employee: a known wrong answer.
-- trap: SUM skips a NULL out_time, but the visit's in_time is still subtracted
-- lesson: 1. GROUP BY and named aggregations
SELECT event_day AS day, emp_id, SUM(out_time) - SUM(in_time) AS total_time
FROM Employees
GROUP BY event_day, emp_id;
