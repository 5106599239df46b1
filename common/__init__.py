"""Helpers any chapter may use: seeding, timing, plotting, Markdown code blocks.

Nothing here imports torch or SQLAlchemy when it is imported; the MySQL harness is chapters.sqlkit.db.
"""
