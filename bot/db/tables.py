"""Database tables (SQLAlchemy 2, typed `Mapped[...]`). Domain models live in `bot.models`.

Idempotency lives here, in unique keys, not in memory:
- `events_seen.event_id`: one row per Slack event id (retries and concurrent deliveries collapse);
- `link_jobs (channel_id, message_ts, url_key)`: one job per link per message;
- `digest_items (channel_id, job_id)`: a channel's brief goes into at most one scheduled digest.

Schema changes go through Alembic (`bot/migrations/`); the app upgrades on start.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in and out, on every backend.

    SQLite has no time zones: SQLAlchemy would store the wall time and hand back naive values,
    which then fail to compare with `storage.utcnow()`. So values are stored as UTC and come
    back aware (UTC) from SQLite and PostgreSQL alike. Naive values are refused on the way in.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column; use storage.utcnow()")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime()}


class Channel(Base):
    """Per-channel settings. A channel without a row is watched and follows DIGEST_SCHEDULE."""

    __tablename__ = "channels"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    team_id: Mapped[str | None] = mapped_column(String(32))
    watched: Mapped[bool] = mapped_column(Boolean, default=True)
    # None = follow DIGEST_SCHEDULE; "off" = no digests; otherwise the spec as typed by the user
    schedule: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str | None] = mapped_column(String(64))
    destination_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EventSeen(Base):
    __tablename__ = "events_seen"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BriefRow(Base):
    """One successful summary of one page (shared by every job that reuses it)."""

    __tablename__ = "briefs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url_key: Mapped[str] = mapped_column(String(2048), index=True)
    status: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    brief_json: Mapped[str] = mapped_column(Text)  # models.Brief as JSON
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class LinkJob(Base):
    """One link shared in one message: the durable unit of work.

    state: queued -> working -> done | failed | cancelled (message deleted)
    (working -> queued again on a transient failure; an expired lease lets another worker take it.)
    """

    __tablename__ = "link_jobs"
    __table_args__ = (
        UniqueConstraint("channel_id", "message_ts", "url_key", name="uq_link_jobs_message_link"),
        Index("ix_link_jobs_claim", "state", "next_attempt_at"),
        Index("ix_link_jobs_channel_done", "channel_id", "state", "finished_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str | None] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32))
    message_ts: Mapped[str] = mapped_column(String(32))
    thread_ts: Mapped[str] = mapped_column(String(32))  # where the reply goes
    user_id: Mapped[str | None] = mapped_column(String(32))  # who shared it
    url: Mapped[str] = mapped_column(Text)  # as shared (tracking parameters removed)
    url_key: Mapped[str] = mapped_column(String(2048))  # normalised identity
    fresh: Mapped[bool] = mapped_column(Boolean, default=False)  # `summarize URL`: never reuse
    state: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    brief_id: Mapped[int | None] = mapped_column(ForeignKey("briefs.id"))
    reply_ts: Mapped[str | None] = mapped_column(String(32))  # our message in the thread
    claimed_by: Mapped[str | None] = mapped_column(String(64))  # worker holding the lease
    # Set just before the reply is sent and never cleared: a later attempt of a job carrying it
    # first looks in the thread for its own reply (crash between post and finish), see bot.jobs.workers.
    post_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Digest(Base):
    """One digest post. Recorded (with its items) before posting, so a crash can be recovered."""

    __tablename__ = "digests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel_id: Mapped[str] = mapped_column(String(32), index=True)
    destination_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))  # scheduled | lookback
    # prepared -> posted; failed (destination refused; items released); empty | skipped (a scheduled
    # slot with nothing to post, or missed beyond the grace: recorded so catch-up knows it was handled)
    state: Mapped[str] = mapped_column(String(16))
    period_start: Mapped[datetime | None] = mapped_column(UTCDateTime())
    period_end: Mapped[datetime] = mapped_column(UTCDateTime())
    message_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # whoever posts a prepared digest holds this lease; recovery takes over only once it has expired
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class DigestItem(Base):
    __tablename__ = "digest_items"
    __table_args__ = (UniqueConstraint("channel_id", "job_id", name="uq_digest_items_channel_job"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    digest_id: Mapped[int] = mapped_column(ForeignKey("digests.id"), index=True)
    channel_id: Mapped[str] = mapped_column(String(32))
    job_id: Mapped[int] = mapped_column(ForeignKey("link_jobs.id"))
