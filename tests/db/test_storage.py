"""The database layer: migrations, SQLite set-up for concurrent writers, UTC times, channel settings."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

from bot.db import engine as storage
from bot.db import jobs as queue
from bot.db.engine import Database
from bot.db.followups import include_name
from bot.db.tables import Base, Channel
from bot.models import Brief, Status

ROOT = Path(__file__).resolve().parents[2]


def test_migrations_create_exactly_the_tables_of_bot_tables(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": include_name})
        assert compare_metadata(context, Base.metadata) == []
        tables = set(inspect(connection).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_upgrade_twice_is_a_no_op(db):
    storage.update_channel(db, "C1", watched=False)
    db.upgrade()
    assert db.engine.pool.checkedin() >= 2  # connections opened ahead of the first burst
    assert storage.get_channel(db, "C1").watched is False
    with db.session(readonly=True) as s:
        # the newest revision (the lead re-chains branch migrations at merge)
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == _head()


def _head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(storage.MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def test_concurrent_starters_upgrade_once(db_url):
    """Two processes starting at the same moment on an empty database (web + clock)."""
    script = (
        "import sys; from bot.db.engine import Database; db = Database(sys.argv[1]); db.upgrade(); print('ok')"
    )
    processes = [subprocess.Popen([sys.executable, "-c", script, db_url], cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [p.communicate(timeout=120) for p in processes]
    for process, (out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        assert out.strip() == "ok"
    db = Database(db_url)
    try:
        with db.session(readonly=True) as s:
            assert s.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    finally:
        db.dispose()


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'sub' / 'v.db'}")  # the folder is created
    try:
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == storage.SQLITE_BUSY_TIMEOUT_MS
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        with db.session(durable=True) as s:
            assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL for link intake
        with db.session() as s:
            assert s.execute(text("PRAGMA synchronous")).scalar() == 1
        assert db.dialect == "sqlite"
    finally:
        db.dispose()


def test_foreign_keys_are_enforced(db):
    from sqlalchemy.exc import IntegrityError

    ids = queue.enqueue_links(db, team_id="T", channel_id="C", message_ts="1.1", thread_ts="1.1", user_id="U",
                              urls=["https://example.org/a"])
    with pytest.raises(IntegrityError), db.session() as s:
        s.execute(queue.jobs.update().where(queue.jobs.c.id == ids[0]).values(brief_id=999_999))


def test_sqlite_reader_does_not_block_a_writer(tmp_path):
    """A long read (App Home) must not hold the write lock: reads begin DEFERRED."""
    db = Database(f"sqlite:///{tmp_path / 'v.db'}")
    db.upgrade()
    try:
        with db.session(readonly=True) as reader:
            reader.execute(select(Channel)).all()
            started = time.perf_counter()
            writer = threading.Thread(target=storage.set_watched, args=(db, "C1", False))
            writer.start()
            writer.join(timeout=10)
            assert not writer.is_alive()
            assert time.perf_counter() - started < 8  # a blocked writer would wait for the reader
        assert storage.get_channel(db, "C1").watched is False
    finally:
        db.dispose()


def test_session_commits_or_rolls_back(db):
    now = storage.utcnow()
    with pytest.raises(RuntimeError), db.session() as s:
        s.add(Channel(id="C1", watched=False, created_at=now, updated_at=now))
        s.flush()
        raise RuntimeError("boom")
    assert storage.list_channels(db) == []
    with db.session() as s:
        s.add(Channel(id="C1", watched=False, created_at=now, updated_at=now))
    assert storage.get_channel(db, "C1").watched is False


def test_datetimes_come_back_aware_in_utc(db):
    berlin = timezone(timedelta(hours=1))
    moment = datetime(2024, 11, 28, 10, 30, 15, 123456, tzinfo=berlin)
    with db.session() as s:
        s.add(Channel(id="C1", watched=True, created_at=moment, updated_at=moment))
    with db.session(readonly=True) as s:
        stored = s.get(Channel, "C1").created_at
    assert stored.tzinfo is not None and stored.utcoffset() == timedelta(0)
    assert stored == moment
    assert stored.hour == 9


def test_naive_datetimes_are_refused(db):
    from sqlalchemy.exc import StatementError

    with pytest.raises(StatementError, match="naive datetime"), db.session() as s:
        s.add(Channel(id="C1", watched=True, created_at=datetime(2024, 1, 1), updated_at=storage.utcnow()))
        s.flush()


def test_channel_settings(db):
    assert storage.get_channel(db, "C9") == storage.ChannelSettings(id="C9")  # watched by default
    assert storage.set_watched(db, "C1", False, team_id="T1").watched is False
    updated = storage.update_channel(db, "C1", schedule="0 17 * * 5", timezone="Europe/Berlin")
    assert (updated.watched, updated.schedule, updated.timezone, updated.team_id) == (
        False, "0 17 * * 5", "Europe/Berlin", "T1")
    storage.update_channel(db, "C2", destination_id="C1")
    assert storage.set_watched(db, "C1", True).schedule == "0 17 * * 5"  # other fields kept
    assert [c.id for c in storage.list_channels(db)] == ["C1", "C2"]
    assert storage.get_channel(db, "C2").destination_id == "C1"
    with pytest.raises(TypeError, match="bogus"):
        storage.update_channel(db, "C1", bogus=1)


def test_concurrent_first_writes_to_one_channel(db):
    errors = []

    def flip(i):
        try:
            storage.set_watched(db, "C1", i % 2 == 0)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=flip, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(storage.list_channels(db)) == 1


def test_recent_briefs_lists_posted_briefs_newest_first(db):
    for n in range(3):
        [job_id] = queue.enqueue_links(db, team_id="T1", channel_id="C1", message_ts=f"1.{n}",
                                       thread_ts=f"1.{n}", user_id="U1", urls=[f"https://example.org/{n}"])
        [job] = queue.claim_jobs(db, worker_id="w", limit=1, lease_seconds=30)
        brief = Brief(source=job.url, title=f"Story {n}", summary="Gist.", status=Status.DECLINED)
        brief_id = queue.attach_brief(db, job.id, brief, worker_id="w", url_key=job.url_key)
        assert queue.finish_job(db, job_id, reply_ts=f"2.{n}", worker_id="w",
                                now=storage.utcnow() + timedelta(seconds=n))
        assert storage.load_brief(db, brief_id).title == f"Story {n}"
    records = storage.recent_briefs(db, limit=2)
    assert [r.brief.title for r in records] == ["Story 2", "Story 1"]
    assert records[0].reply_ts == "2.2" and records[0].channel_id == "C1"
    assert records[0].brief.status is Status.DECLINED
    assert storage.recent_briefs(db, team_id="T2") == []


def test_ping(db):
    assert db.ping() is True


def test_ping_is_false_when_the_server_is_gone():
    db = Database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert db.dialect == "postgresql"
    assert db.ping() is False
    assert "nobody" in repr(db) and "password" not in repr(db)


def test_utcnow_is_aware():
    assert storage.utcnow().tzinfo is UTC


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgres_connections_dropped_by_the_server_are_replaced(db):
    """No pre-ping (it costs a round trip per checkout): a dropped connection fails one call, then the
    pool is invalidated and the next call reconnects."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import OperationalError

    held = [db.engine.connect() for _ in range(2)]
    pids = [c.execute(text("SELECT pg_backend_pid()")).scalar_one() for c in held]
    for c in held:
        c.close()
    admin = create_engine(db.url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            for pid in pids:
                c.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        admin.dispose()
    outcomes = []
    for _ in range(3):
        try:
            storage.update_channel(db, "C1", watched=False)
            outcomes.append("ok")
        except OperationalError:
            outcomes.append("dropped")
    assert outcomes[-1] == "ok" and outcomes.count("dropped") <= 1
    assert db.ping() is True
    assert storage.get_channel(db, "C1").watched is False
