"""Digests in the database: what a channel's next digest holds, and each digest's record and lease.

    rows = pending_rows(db, "C123")                     # done briefs of the channel not in an earlier digest
    digest_id = record_digest(db, "C123", "C123", [row.job_id for row in rows], start, end, now, lease)
    mark_posted(db, digest_id, "1700000000.000100", now)

A digest is recorded, with one `digest_items` row per job, before anything is posted; the unique
(channel, job) key is what makes "no brief in two digests" hold across processes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.db.engine import Database, rowcount
from bot.db.tables import BriefRow, Channel, Digest, DigestItem, LinkJob

__all__ = [
    "DigestRow", "pending_rows", "digest_rows", "recent_rows", "record_digest", "record_empty", "record_skipped",
    "renew_lease", "mark_posted", "release", "take_lease", "last_period_end", "prepared_channels",
    "prepared_ids", "channels_with_first_share", "last_scheduled_slots", "known_since",
]


@dataclass(frozen=True)
class DigestRow:
    """What a digest needs of a job and its brief (columns, not ORM objects: a 1,000-brief digest loads fast)."""

    job_id: int
    channel_id: str
    message_ts: str
    thread_ts: str
    user_id: str | None
    created_at: datetime
    brief_id: int
    brief_json: str


_ROW = (LinkJob.id, LinkJob.channel_id, LinkJob.message_ts, LinkJob.thread_ts, LinkJob.user_id, LinkJob.created_at,
        BriefRow.id, BriefRow.brief_json)


def _rows(db: Database, query: Any) -> list[DigestRow]:
    with db.session(readonly=True) as s:
        return [DigestRow(*row) for row in s.execute(query).all()]



def pending_rows(db: Database, channel_id: str) -> list[DigestRow]:
    """The channel's done briefs that no digest holds yet, oldest first."""
    taken = exists().where(DigestItem.channel_id == channel_id, DigestItem.job_id == LinkJob.id)
    return _rows(db, select(*_ROW).join(BriefRow, LinkJob.brief_id == BriefRow.id)
                 .where(LinkJob.channel_id == channel_id, LinkJob.state == "done", ~taken)
                 .order_by(LinkJob.finished_at, LinkJob.id))


def digest_rows(db: Database, digest_id: int) -> list[DigestRow]:
    """The briefs one recorded digest holds, in its order."""
    return _rows(db, select(*_ROW).join(DigestItem, DigestItem.job_id == LinkJob.id)
                 .join(BriefRow, LinkJob.brief_id == BriefRow.id)
                 .where(DigestItem.digest_id == digest_id)
                 .order_by(LinkJob.finished_at, LinkJob.id))


def recent_rows(db: Database, channel_id: str, *, since: datetime) -> list[DigestRow]:
    """Every brief of the channel finished since `since`, digested or not (a look-back)."""
    return _rows(db, select(*_ROW).join(BriefRow, LinkJob.brief_id == BriefRow.id)
                 .where(LinkJob.channel_id == channel_id, LinkJob.state == "done", LinkJob.finished_at >= since)
                 .order_by(LinkJob.finished_at, LinkJob.id))


def record_digest(db: Database, channel_id: str, destination_id: str, job_ids: Sequence[int],
                  period_start: datetime | None, period_end: datetime, now: datetime,
                  lease_until: datetime) -> int | None:
    """Record a prepared digest and its items; None when another runner took one of the jobs first."""
    try:
        with db.session() as s:
            digest = Digest(channel_id=channel_id, destination_id=destination_id, kind="scheduled",
                            state="prepared", period_start=period_start, period_end=period_end, created_at=now,
                            lease_until=lease_until)
            s.add(digest)
            s.flush()
            if job_ids:
                # every job, including a second share of the same page, so none comes back next time
                s.execute(insert(DigestItem), [{"digest_id": digest.id, "channel_id": channel_id, "job_id": job_id}
                                               for job_id in job_ids])
            return digest.id
    except IntegrityError:
        return None


def record_empty(db: Database, channel_id: str, destination_id: str, period_start: datetime | None,
                 period_end: datetime, now: datetime) -> int:
    """A slot with nothing to post, recorded so that the scheduler's catch-up knows it was handled."""
    with db.session() as s:
        row = Digest(channel_id=channel_id, destination_id=destination_id, kind="scheduled", state="empty",
                     period_start=period_start, period_end=period_end, created_at=now)
        s.add(row)
        s.flush()
        return row.id


def record_skipped(db: Database, channel_id: str, *, period_end: datetime, now: datetime) -> None:
    """A slot missed beyond the grace: recorded so it isn't run late; its briefs go into the next digest."""
    with db.session() as s:
        s.add(Digest(channel_id=channel_id, destination_id=channel_id, kind="scheduled", state="skipped",
                     period_end=period_end, created_at=now))


def renew_lease(db: Database, digest_id: int, until: datetime) -> None:
    with db.session() as s:
        s.execute(update(Digest).where(Digest.id == digest_id).values(lease_until=until))


def mark_posted(db: Database, digest_id: int, message_ts: str | None, at: datetime) -> None:
    with db.session() as s:
        s.execute(update(Digest).where(Digest.id == digest_id)
                  .values(state="posted", message_ts=message_ts, posted_at=at, lease_until=None))


def release(db: Database, digest_id: int) -> None:
    """Nothing of the digest reached Slack: mark it failed and free its briefs for the next one."""
    with db.session() as s:
        s.execute(delete(DigestItem).where(DigestItem.digest_id == digest_id))
        s.execute(update(Digest).where(Digest.id == digest_id).values(state="failed", lease_until=None))


def take_lease(db: Database, digest_id: int, *, now: datetime, until: datetime) -> Digest | None:
    """Take a prepared digest whose lease ran out; of two recoverers only one gets it."""
    with db.session() as s:
        taken = rowcount(s.execute(
            update(Digest)
            .where(Digest.id == digest_id, Digest.state == "prepared",
                   (Digest.lease_until.is_(None)) | (Digest.lease_until < now))
            .values(lease_until=until)))
        return s.get(Digest, digest_id) if taken else None


def last_period_end(db: Database, channel_id: str) -> datetime | None:
    """Where the channel's next digest starts: the end of its last posted (or prepared) one."""
    with db.session(readonly=True) as s:
        return s.scalar(select(func.max(Digest.period_end))
                        .where(Digest.channel_id == channel_id, Digest.kind == "scheduled",
                               Digest.state.in_(("posted", "prepared"))))


def prepared_channels(db: Database, channel_id: str | None = None) -> list[str]:
    """Channels with a prepared (recorded, not finished) digest."""
    query = select(Digest.channel_id).where(Digest.state == "prepared").distinct()
    if channel_id:
        query = query.where(Digest.channel_id == channel_id)
    with db.session(readonly=True) as s:
        return list(s.scalars(query))


def prepared_ids(db: Database, channel_id: str) -> list[int]:
    with db.session(readonly=True) as s:
        return list(s.scalars(select(Digest.id).where(Digest.channel_id == channel_id, Digest.state == "prepared")
                              .order_by(Digest.id)))


def channels_with_first_share(db: Database) -> tuple[list[Channel], dict[str, datetime]]:
    """Every channel row, and for every channel with links, when its first link was shared."""
    with db.session(readonly=True) as s:
        rows = list(s.scalars(select(Channel)))
        first = select(LinkJob.channel_id, func.min(LinkJob.created_at)).group_by(LinkJob.channel_id)
        return rows, {channel_id: at for channel_id, at in s.execute(first).all()}


def last_scheduled_slots(db: Database, channel_id: str | None = None) -> dict[str, datetime]:
    """The newest scheduled digest per channel (posted, prepared, empty, skipped or failed)."""
    query = select(Digest.channel_id, func.max(Digest.period_end)).where(Digest.kind == "scheduled")
    if channel_id:
        query = query.where(Digest.channel_id == channel_id)
    with db.session(readonly=True) as s:
        return {cid: at for cid, at in s.execute(query.group_by(Digest.channel_id)).all()}


def known_since(db: Database, channel_id: str) -> datetime | None:
    """Since when Verdict knows the channel: its settings row, else its first shared link."""
    with db.session(readonly=True) as s:
        row = s.get(Channel, channel_id)
        if row is not None:
            return max(t for t in (row.created_at, row.updated_at) if t is not None)
        return s.scalar(select(func.min(LinkJob.created_at)).where(LinkJob.channel_id == channel_id))
