"""The database: engine, sessions, schema upgrades, and small repository functions.

    db = Database(settings.database_url)     # sqlite:///verdict.db or postgresql+psycopg://…
    db.upgrade()                             # Alembic upgrade to head; run on every start (idempotent)
    with db.session() as s:                  # commits on success, rolls back on error
        s.add(Channel(...))
    with db.session(readonly=True) as s:     # a read; on SQLite it does not take the write lock
    with db.session(durable=True) as s:      # a write that must survive power loss (link intake)
        ...
    db.ping()                                # True when the database answers (GET /healthz)
    db.dialect                               # "sqlite" | "postgresql"

SQLite is set up for several writer threads *and* processes: WAL (readers never block the
writer), a busy timeout, foreign keys, and every write transaction starts with BEGIN IMMEDIATE.
Without IMMEDIATE, a transaction that reads first and then writes must upgrade its lock, and
when another writer got in between SQLite answers "database is locked" at once, without
waiting for the busy timeout. With it, writers queue on the busy timeout instead. Keep write
transactions short: a SQLite database has one writer at a time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import CursorResult, Result, create_engine, event, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.db.tables import BriefRow, Channel, LinkJob
from bot.models import Brief

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000
# Any constant works; it only has to be the same in every process that upgrades this database.
_PG_MIGRATION_LOCK = 0x7665726469637400  # "verdict\0"
FOLLOWUP_INDEX_LOCK = 0x7665726469637401  # one indexer of follow-up records at a time (`Database.serialise`)


def utcnow() -> datetime:
    """The current time, aware, in UTC (what every datetime column stores and returns)."""
    return datetime.now(UTC)


def take_advisory_lock(connection, key: int) -> None:
    """PostgreSQL's transaction-scoped advisory lock: released at commit or rollback."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


class Database:
    """One engine (a connection pool) per process; share it between threads."""

    def __init__(self, url: str, *, echo: bool = False, pool_size: int = 16, warm_connections: int = 16):
        self.url = url
        self._warm_connections = min(warm_connections, pool_size)
        parsed = make_url(url)
        self.dialect: str = parsed.get_backend_name()
        if self.dialect == "sqlite":
            self.engine = _sqlite_engine(url, echo=echo, pool_size=pool_size)
        else:
            # pre_ping: a web process outlives PostgreSQL restarts and Heroku's idle disconnects
            # pool_size ≈ the HTTP threads, so a burst of events reuses connections instead of opening
            # and closing overflow ones; the overflow is kept small: PostgreSQL allows 100 connections
            # by default, shared by every process
            # No pool_pre_ping: it costs a round trip on every checkout, i.e. several per ack. A connection
            # the server dropped fails one statement, SQLAlchemy then invalidates the pool, and Slack retries
            # the event; pool_recycle keeps connections younger than typical idle cut-offs.
            self.engine = create_engine(url, echo=echo, pool_recycle=300, pool_size=pool_size,
                                        max_overflow=max(pool_size // 2, 1))
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        read_options: dict[str, object] = {"verdict_readonly": True}
        if self.dialect == "postgresql":
            # reads without BEGIN/COMMIT: one round trip instead of three (the ack path reads channel settings)
            read_options["isolation_level"] = "AUTOCOMMIT"
        self._read_sessions = sessionmaker(self.engine.execution_options(**read_options), expire_on_commit=False)
        self._durable_sessions = sessionmaker(self.engine.execution_options(verdict_durable=True),
                                              expire_on_commit=False)
        self._upgrade_lock = threading.Lock()
        self._write_lock = threading.RLock()

    def __repr__(self) -> str:
        return f"Database({make_url(self.url).render_as_string(hide_password=True)!r})"

    def serialise(self, session: Session, key: int) -> None:
        """Wait until no other transaction holds `key`, and hold it until this one ends. SQLite's
        one writer already serialises write transactions; PostgreSQL needs an advisory lock."""
        if self.dialect == "postgresql":
            take_advisory_lock(session, key)

    @contextmanager
    def session(self, *, readonly: bool = False, durable: bool = False) -> Iterator[Session]:
        """A session in one transaction: commit when the block ends, roll back if it raises.

        readonly: only reads (SQLite: no write lock). durable: the commit must survive power loss,
        not only a crash of the process (SQLite: synchronous=FULL for it; PostgreSQL always is).
        """
        factory = self._read_sessions if readonly else self._durable_sessions if durable else self._sessions
        # SQLite has one writer at a time. Threads of this process queue on a lock, in order, instead
        # of in SQLite's busy handler, which polls with sleeps of up to 100 ms and made the ack path's
        # p99 jump. Other processes still wait through busy_timeout.
        lock = self._write_lock if self.dialect == "sqlite" and not readonly else nullcontext()
        with lock, factory() as session, session.begin():
            yield session

    def upgrade(self) -> None:
        """Bring the schema to the newest migration. Safe when several processes start at once."""

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self._upgrade_lock, self.engine.begin() as connection:
            # One upgrader at a time: SQLite's BEGIN IMMEDIATE already serialises writers; on
            # PostgreSQL a transaction-scoped advisory lock does. The second starter then finds
            # the schema at head and does nothing.
            if self.dialect == "postgresql":
                take_advisory_lock(connection, _PG_MIGRATION_LOCK)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        self.warm(self._warm_connections)

    def warm(self, connections: int) -> None:
        """Open pooled connections now, so that the first burst of events after a start does not
        pay for connecting (PostgreSQL: a few ms each, on the ack path). `upgrade()` calls it."""
        opened = []
        try:
            for _ in range(connections):
                opened.append(self.engine.execution_options(verdict_readonly=True).connect())
                opened[-1].exec_driver_sql("SELECT 1")
        except Exception:
            logger.warning("could not open %d database connections ahead of time", connections, exc_info=True)
        finally:
            for connection in opened:
                connection.close()

    def ping(self) -> bool:
        """True when a `SELECT 1` succeeds."""
        try:
            with self.engine.execution_options(verdict_readonly=True).connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except Exception:
            logger.warning("database ping failed", exc_info=True)
            return False

    def insert(self, table):
        """The dialect's INSERT construct (with `.on_conflict_do_nothing()` / `.on_conflict_do_update()`)."""
        return (pg_insert if self.dialect == "postgresql" else sqlite_insert)(table)

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_engine(url: str, *, echo: bool, pool_size: int) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        echo=echo,
        pool_size=pool_size,
        max_overflow=pool_size,
        # connections move between threads through the pool; each is used by one thread at a time
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy (the "begin" hook below) own transactions instead of pysqlite's
        # implicit BEGIN, which starts DEFERRED transactions at surprising moments.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # busy_timeout first: switching to WAL itself needs the lock when another process holds it
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL: a commit survives the process crashing (SIGKILL) but not power loss. Sessions
        # opened with durable=True (intake of links) switch to FULL for their commit, see _on_begin.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        options = connection.get_execution_options()
        if options.get("verdict_readonly", False):
            connection.exec_driver_sql("BEGIN")
            return
        # FULL fsyncs the log at commit, and with it every earlier NORMAL commit: an acknowledged link
        # survives power loss too. Only intake pays for it (~2–10 ms here); the workers' progress
        # markers don't, and so hold the single write lock for less time.
        synchronous = "FULL" if options.get("verdict_durable", False) else "NORMAL"
        if connection.info.get("verdict_synchronous") != synchronous:
            connection.exec_driver_sql(f"PRAGMA synchronous = {synchronous}")
            connection.info["verdict_synchronous"] = synchronous
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


# --- channel settings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelSettings:
    """A channel's settings; a channel without a row is watched and follows DIGEST_SCHEDULE."""

    id: str
    watched: bool = True
    schedule: str | None = None  # None = DIGEST_SCHEDULE; "off" = no digests
    timezone: str | None = None  # None = DIGEST_TIMEZONE
    destination_id: str | None = None  # None = the channel itself
    team_id: str | None = None

    @classmethod
    def from_row(cls, row: Channel) -> ChannelSettings:
        return cls(id=row.id, watched=row.watched, schedule=row.schedule, timezone=row.timezone,
                   destination_id=row.destination_id, team_id=row.team_id)


def get_channel(db: Database, channel_id: str) -> ChannelSettings:
    """The channel's settings (defaults when it has no row)."""
    with db.session(readonly=True) as s:
        row = s.get(Channel, channel_id)
        return ChannelSettings.from_row(row) if row else ChannelSettings(id=channel_id)


def unwatched_channels(db: Database) -> frozenset[str]:
    """The ids of the channels set to unwatched (every other channel is watched): one small read for
    all channels, where `get_channel` per channel was an ORM session per first event of a burst."""
    table = cast(Any, Channel.__table__)
    with db.session(readonly=True) as s:
        return frozenset(s.connection().execute(select(table.c.id).where(table.c.watched.is_(False))).scalars())


_CHANNEL_FIELDS = {"watched", "schedule", "timezone", "destination_id"}


def update_channel(db: Database, channel_id: str, *, team_id: str | None = None, **fields) -> ChannelSettings:
    """Create or update a channel's row; only the fields given change.

        update_channel(db, "C1", schedule="0 17 * * 5", timezone="Europe/Berlin")
        update_channel(db, "C1", destination_id=None)   # back to posting in the channel itself
    """
    unknown = set(fields) - _CHANNEL_FIELDS
    if unknown:
        raise TypeError(f"unknown channel fields: {', '.join(sorted(unknown))}")
    now = utcnow()
    values = {"id": channel_id, "watched": True, "created_at": now, "updated_at": now, **fields}
    changes = {"updated_at": now, **fields}
    if team_id is not None:
        values["team_id"] = changes["team_id"] = team_id
    # an upsert, so two concurrent first writes for one channel cannot collide on the primary key
    statement = db.insert(Channel).values(values)
    statement = statement.on_conflict_do_update(index_elements=[Channel.id], set_=changes)
    with db.session() as s:
        s.execute(statement)
        row = s.get(Channel, channel_id, populate_existing=True)
        assert row is not None  # the upsert just wrote it
        return ChannelSettings.from_row(row)


def set_watched(db: Database, channel_id: str, watched: bool, team_id: str | None = None) -> ChannelSettings:
    return update_channel(db, channel_id, team_id=team_id, watched=watched)


def list_channels(db: Database) -> list[ChannelSettings]:
    """Every channel with a row, by id."""
    with db.session(readonly=True) as s:
        return [ChannelSettings.from_row(row) for row in s.scalars(select(Channel).order_by(Channel.id))]


# --- briefs --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BriefRecord:
    """One stored brief and the job (link in a message) that showed it."""

    brief_id: int
    brief: Brief
    created_at: datetime
    channel_id: str
    message_ts: str
    thread_ts: str
    user_id: str | None
    reply_ts: str | None


def save_brief(session: Session, url_key: str, brief: Brief) -> int:
    """Store a brief inside the caller's transaction; returns its id."""
    row = BriefRow(url_key=url_key, status=str(brief.status), title=brief.title, brief_json=brief.to_json(),
                   created_at=utcnow())
    session.add(row)
    session.flush()
    return row.id


def load_brief(db: Database, brief_id: int) -> Brief | None:
    with db.session(readonly=True) as s:
        row = s.get(BriefRow, brief_id)
        return Brief.model_validate_json(row.brief_json) if row else None


def recent_briefs(db: Database, limit: int = 20, *, team_id: str | None = None,
                  channel_ids: Collection[str] | None = None) -> list[BriefRecord]:
    """The newest briefs posted in the workspace (App Home), newest first.

    `channel_ids`: only briefs shared in these conversations (a viewer's memberships); empty → none.
    """
    if channel_ids is not None and not channel_ids:
        return []
    query = (
        select(LinkJob, BriefRow)
        .join(BriefRow, LinkJob.brief_id == BriefRow.id)
        .where(LinkJob.state == "done")
        .order_by(LinkJob.finished_at.desc(), LinkJob.id.desc())
        .limit(limit)
    )
    if team_id is not None:
        query = query.where(LinkJob.team_id == team_id)
    if channel_ids is not None:
        query = query.where(LinkJob.channel_id.in_(sorted(channel_ids)))
    with db.session(readonly=True) as s:
        return [
            BriefRecord(brief_id=brief.id, brief=Brief.model_validate_json(brief.brief_json),
                        created_at=brief.created_at, channel_id=job.channel_id, message_ts=job.message_ts,
                        thread_ts=job.thread_ts, user_id=job.user_id, reply_ts=job.reply_ts)
            for job, brief in s.execute(query)
        ]


def rowcount(result: Result[Any]) -> int:
    """Rows matched by an UPDATE or DELETE (the result of one is always a CursorResult)."""
    return cast(CursorResult[Any], result).rowcount
