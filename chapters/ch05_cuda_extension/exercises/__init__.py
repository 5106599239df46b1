"""Chapter 5's practice exercises: one module each, found by the practice catalog."""
