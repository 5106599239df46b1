"""These tests talk to a MySQL server: load the SQL fixtures."""

from chapters.sqlkit.fixtures import module_db, mysql_available, throwaway_db  # noqa: F401
