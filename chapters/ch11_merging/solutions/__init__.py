"""Chapter 11's reference solutions: a pandas function and a .sql file per exercise."""
