"""Forgetting old briefs: BRIEF_RETENTION_DAYS (0 = keep them).

    purged = purge_expired(db, days=30)              # -> how many link jobs were deleted
    maybe_purge(settings, db)                        # at most once an hour (the digest scheduler's sweep)

What goes: link jobs that finished more than `days` ago (the message, link and who shared it), their
digest items, the briefs no remaining job refers to (title, fields, evidence sentences), and the ids of
Slack events seen before then. Digest rows stay: they hold only ids and times, and the scheduler
reads them to know which slots it already ran. A brief older than the retention that no digest took
yet is gone from the next digest too, so keep the retention longer than the longest digest interval.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta

from sqlalchemy import delete, exists, select

from bot.db.engine import Database, utcnow
from bot.db.tables import BriefRow, DigestItem, EventSeen, LinkJob

logger = logging.getLogger(__name__)

PURGE_EVERY_SECONDS = 3600.0
_BATCH = 500
_last_run: dict[str, float] = {}
_lock = threading.Lock()


def purge_expired(db: Database, *, days: int, now: datetime | None = None) -> int:
    """Delete what is older than `days` days (see the module docstring); returns the jobs deleted."""
    if days <= 0:
        return 0
    cutoff = (now or utcnow()) - timedelta(days=days)
    finished = LinkJob.state.in_(("done", "failed", "cancelled"))
    total = 0
    for _ in range(10_000):  # bounded: batches of _BATCH keep each write transaction short
        with db.session() as s:
            ids = list(s.scalars(select(LinkJob.id).where(finished, LinkJob.finished_at < cutoff).limit(_BATCH)))
            if not ids:
                break
            s.execute(delete(DigestItem).where(DigestItem.job_id.in_(ids)))
            s.execute(delete(LinkJob).where(LinkJob.id.in_(ids)))
            total += len(ids)
    with db.session() as s:
        referenced = exists().where(LinkJob.brief_id == BriefRow.id)
        s.execute(delete(BriefRow).where(BriefRow.created_at < cutoff, ~referenced))
        s.execute(delete(EventSeen).where(EventSeen.received_at < cutoff))
    if total:
        logger.info("retention: deleted %d link jobs (and their briefs) finished before %s", total, cutoff)
    return total


def maybe_purge(settings, db: Database, *, clock=time.monotonic) -> int:
    """`purge_expired` with BRIEF_RETENTION_DAYS, at most once per PURGE_EVERY_SECONDS per database."""
    days = int(getattr(settings, "brief_retention_days", 0) or 0)
    if days <= 0:
        return 0
    now = clock()
    with _lock:
        last = _last_run.get(db.url)
        if last is not None and now - last < PURGE_EVERY_SECONDS:
            return 0
        _last_run[db.url] = now
    try:
        return purge_expired(db, days=days)
    except Exception:
        logger.exception("retention purge failed (it runs again in an hour)")
        return 0
