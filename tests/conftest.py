"""Shared fixtures.

    def test_x(settings):            # a factory: settings(worker_count=2) -> Settings (no .env, no Slack)
    def test_y(db):                  # a migrated Database; runs once on SQLite and once on PostgreSQL
    def test_z(db_url):              # the same, as a URL only (for subprocesses); not migrated

PostgreSQL runs when TEST_POSTGRES_URL is set (`.ci/run` sets it); each test gets a fresh schema.
Without it the PostgreSQL variant is skipped — except under CI=true, where a missing or
unreachable server fails the test, so CI can never pass by skipping the database half.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from fakes.postgres import check_server, create_schema, drop_schema, new_schema_name, schema_url

from bot.config import Settings
from bot.db.engine import Database

_PG_STATUS: dict[str, str | None] = {}


def _postgres_base_url() -> str:
    """TEST_POSTGRES_URL, or skip (fail under CI=true) when it is missing or unreachable."""
    in_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    base = os.environ.get("TEST_POSTGRES_URL", "").strip()
    if not base:
        problem = "TEST_POSTGRES_URL is not set"
    else:
        if base not in _PG_STATUS:
            _PG_STATUS[base] = check_server(base)
        problem = _PG_STATUS[base]
        if problem:
            problem = f"PostgreSQL at TEST_POSTGRES_URL not reachable: {problem}"
    if problem:
        if in_ci:
            pytest.fail(f"{problem} (CI=true: PostgreSQL tests must run)", pytrace=False)
        pytest.skip(problem)
    return base


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> Iterator[str]:
    """A database URL of an empty database: a temporary SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'verdict.db'}"
        return
    base = _postgres_base_url()
    schema = new_schema_name()
    create_schema(base, schema)
    try:
        yield schema_url(base, schema)
    finally:
        drop_schema(base, schema)


@pytest.fixture
def db(db_url) -> Iterator[Database]:
    """A migrated `Database` on the same backend as `db_url`."""
    database = Database(db_url, warm_connections=2)  # the server warms 16; tests need not pay for that
    database.upgrade()
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def settings(tmp_path) -> Callable[..., Settings]:
    """A factory of Settings that ignore `.env`; a private SQLite file unless database_url is given.

        s = settings(worker_count=2, database_url=db.url)
    """

    def make(**overrides) -> Settings:
        values = {"database_url": f"sqlite:///{tmp_path / 'settings.db'}", "fetch_allow_private": True}
        values.update(overrides)
        return Settings(_env_file=None, **values)

    return make


# --- the running app over real HTTP (a test module may define its own `slack` to configure it) ----------

@pytest.fixture
def slack():
    """A fake Slack Web API on 127.0.0.1:0 that records every call."""
    from fakes.slack import FakeSlack

    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def pages():
    """Local article pages (`/slow/…` answers after 2 s)."""
    from fakes.pages import ArticleServer

    with ArticleServer(slow_seconds=2) as server:
        yield server


@pytest.fixture
def verdict(settings, db_url, slack, pages):
    """`python -m bot serve`'s server in this process, on HTTP, against the fake Slack."""
    from fakes.harness import running_verdict

    with running_verdict(settings, db_url, slack, pages) as running:
        yield running
