-- No primary key: the same view may be logged twice.
CREATE TABLE Views (
    article_id INT,
    author_id INT,
    viewer_id INT,
    view_date DATE
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
