"""Storage: the engine and sessions, the tables, migrations, and every SQL query as named repository functions."""
