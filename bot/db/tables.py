"""Database tables (SQLAlchemy 2, typed `Mapped[...]`). Domain models live in `bot.models`.

Idempotency lives here, in unique keys, not in memory:
- `events_seen.event_id`: one row per Slack event id (retries and concurrent deliveries collapse);
- `link_jobs (channel_id, message_ts, url_key)`: one job per link per message;
- `digest_items (channel_id, job_id)`: a channel's brief goes into at most one scheduled digest.
- `followups.open_job_id`: an open request is resolved (and its update posted) at most once.

Schema changes go through Alembic (`bot/migrations/`); the app upgrades on start.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
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
        # the follow-up job reads the jobs finished since its last pass (bot.db.followups.index_new_briefs)
        Index("ix_link_jobs_finished", "finished_at"),
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


class BriefRecordRow(Base):
    """One posted brief, flattened for search and follow-ups (`bot.db.followups`): one row per done job.

    open_state: "open" (a pending brief: an open request) → "resolved" (an update was prepared) |
    "expired" (rechecked for 30 days without news); None for decided briefs and for a job that only
    pointed at an earlier thread of the same brief ("duplicate" rows are kept out of search).

    Full-text search over requester, request, decided_by and title lives outside the ORM: an FTS5
    table `brief_records_fts` on SQLite, a GIN index `ix_brief_records_fts` on a tsvector expression
    on PostgreSQL (migration 0004_followups; `bot.db.followups.UNMAPPED_SCHEMA_NAMES`).
    """

    __tablename__ = "brief_records"
    __table_args__ = (
        Index("ix_brief_records_team_open", "team_id", "open_state"),
        Index("ix_brief_records_channel_open", "channel_id", "open_state", "created_at"),
        Index("ix_brief_records_team_created", "team_id", "created_at"),
        Index("ix_brief_records_recheck", "open_state", "recheck_at"),
    )

    job_id: Mapped[int] = mapped_column(ForeignKey("link_jobs.id"), primary_key=True, autoincrement=False)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id"))
    team_id: Mapped[str | None] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32))
    thread_ts: Mapped[str] = mapped_column(String(32))
    reply_ts: Mapped[str | None] = mapped_column(String(32))
    url: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    requester: Mapped[str | None] = mapped_column(Text)
    request: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    searchable: Mapped[bool] = mapped_column(Boolean, default=True)
    open_state: Mapped[str | None] = mapped_column(String(16))
    recheck_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # next re-fetch of an open request
    rechecks: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())  # when the brief was posted


class FollowupRow(Base):
    """An update posted in an open request's thread: recorded before posting, like digests.

    state: prepared → posted | failed. Every post carries Slack metadata {"event_type":
    "verdict_followup", "event_payload": {"followup_id": id}}; a retry after post_started_at first
    looks for it in the thread.
    """

    __tablename__ = "followups"
    __table_args__ = (Index("ix_followups_state", "state", "lease_until"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    open_job_id: Mapped[int] = mapped_column(ForeignKey("brief_records.job_id"), unique=True)
    channel_id: Mapped[str] = mapped_column(String(32))  # the open request's thread
    thread_ts: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))  # the outcome: approved | declined | partial
    score: Mapped[float] = mapped_column(Float)
    outcome_job_id: Mapped[int | None] = mapped_column(ForeignKey("link_jobs.id"))  # a later brief in Slack
    outcome_brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id"))
    outcome_url: Mapped[str] = mapped_column(Text)
    outcome_channel_id: Mapped[str | None] = mapped_column(String(32))
    outcome_ts: Mapped[str | None] = mapped_column(String(32))  # the later brief's reply (permalink)
    outcome_thread_ts: Mapped[str | None] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16), default="prepared")
    reply_ts: Mapped[str | None] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    claimed_by: Mapped[str | None] = mapped_column(String(64))  # who holds the lease
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    post_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
