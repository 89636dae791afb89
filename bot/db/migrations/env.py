"""Alembic environment, driven from code: `bot.db.engine.Database.upgrade()` hands us a connection
that is already inside a transaction (and, on PostgreSQL, holds the migration lock), so there is
no alembic.ini and no engine here.

A new revision: copy `versions/0001_initial.py` to `versions/000N_what.py`, set `revision` and
`down_revision`, and write the `op.*` calls by hand; `tests/test_storage.py` checks that the
migrated schema matches `bot.db.tables`.
"""

from __future__ import annotations

from alembic import context

from bot.db.followups import include_name
from bot.db.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through bot.db.engine.Database.upgrade()")

context.configure(connection=connection, target_metadata=Base.metadata, compare_type=True,
                  include_name=include_name)  # the full-text search objects are not in bot.db.tables
with context.begin_transaction():
    context.run_migrations()
