"""PostgreSQL for tests: one fresh schema per test in the server named by TEST_POSTGRES_URL.

    url = schema_url(base_url, "t_ab12")     # the same database, search_path set to that schema
    create_schema(base_url, "t_ab12"); …; drop_schema(base_url, "t_ab12")

A fresh schema is as isolated as a fresh database for our tables (and the Alembic version table)
and takes milliseconds instead of a template copy. The URL carries the search_path as a libpq
option, so subprocesses (the `serve` crash tests) get the same isolation from DATABASE_URL alone.

`.ci/run --pg-only` starts a throwaway server and prints the `export TEST_POSTGRES_URL=…` line.
"""

from __future__ import annotations

import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def schema_url(base_url: str, schema: str) -> str:
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def new_schema_name() -> str:
    return "t_" + uuid.uuid4().hex[:16]


def _admin(base_url: str):
    return create_engine(base_url, isolation_level="AUTOCOMMIT", pool_size=1, max_overflow=0)


def check_server(base_url: str) -> str | None:
    """None when the server answers, else why not (one line)."""
    engine = create_engine(base_url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return None
    except Exception as error:  # noqa: BLE001 - any failure means "can't reach it"
        return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    finally:
        engine.dispose()


def _run_admin(base_url: str, statement: str) -> None:
    engine = _admin(base_url)
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def create_schema(base_url: str, schema: str) -> None:
    _run_admin(base_url, f'CREATE SCHEMA "{schema}"')


def drop_schema(base_url: str, schema: str) -> None:
    _run_admin(base_url, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


__all__ = ["schema_url", "new_schema_name", "check_server", "create_schema", "drop_schema"]
