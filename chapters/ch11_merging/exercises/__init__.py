"""Chapter 11's exercises: one module each, found by the registry (chapters.sqlkit)."""
