-- The self-join pairs rows of equal email. Without an index every row is compared with
-- every other (a block nested loop: quadratic); with one, each row looks its email up.
CREATE INDEX idx_person_email ON Person (email);
