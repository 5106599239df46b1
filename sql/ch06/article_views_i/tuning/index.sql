-- WHERE author_id = viewer_id compares two columns of the same row, so no index can pick the
-- rows out; every row is read. What an index on (author_id, viewer_id) still changes: the
-- scan reads the narrow index instead of the table, and the authors come out in order, so
-- DISTINCT and ORDER BY need no temporary table and no sort (EXPLAIN: "Using index").
CREATE INDEX idx_views_author_viewer ON Views (author_id, viewer_id);
