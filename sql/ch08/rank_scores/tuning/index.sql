-- A covering index on score: the window and the ORDER BY read score from a small index
-- instead of the whole table (EXPLAIN: key idx_scores_score, "Using index").
CREATE INDEX idx_scores_score ON Scores (score);
