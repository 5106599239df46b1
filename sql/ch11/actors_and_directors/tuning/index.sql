-- The primary key is the timestamp, so GROUP BY actor_id, director_id fills a temporary table
-- ("Using temporary; Using filesort"). An index on the pair streams the groups in order.
CREATE INDEX idx_actordirector_pair ON ActorDirector (actor_id, director_id);
