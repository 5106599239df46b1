"""Chapter 6: filtering rows and choosing columns, in pandas and in MySQL."""
