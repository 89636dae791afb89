"""BRIEF_RETENTION_DAYS: old briefs are forgotten, recent ones and the scheduler's records stay (issue 12,
item 12's privacy setting)."""

from __future__ import annotations

from datetime import timedelta

from fakes.digests import add_briefs
from sqlalchemy import func, select

from bot.db.engine import utcnow
from bot.db.retention import maybe_purge, purge_expired
from bot.db.tables import BriefRow, Digest, DigestItem, LinkJob
from bot.digests.digester import Digester


def _count(db, table) -> int:
    with db.session(readonly=True) as s:
        return int(s.scalar(select(func.count()).select_from(table)))


def test_old_briefs_go_recent_ones_and_digest_records_stay(db, settings):
    old = add_briefs(db, "C1", 4, finished_at=utcnow() - timedelta(days=40))
    add_briefs(db, "C1", 3, start=100, finished_at=utcnow() - timedelta(days=2))
    s = settings(database_url=db.url, brief_retention_days=30)
    assert Digester(s, db, None).run("C1", dry_run=True).count == 7
    with db.session() as session:  # the old ones were in a digest already
        digest = Digest(channel_id="C1", destination_id="C1", kind="scheduled", state="posted",
                        period_end=utcnow() - timedelta(days=39), created_at=utcnow() - timedelta(days=39))
        session.add(digest)
        session.flush()
        session.add_all([DigestItem(digest_id=digest.id, channel_id="C1", job_id=j) for j in old])

    assert purge_expired(db, days=30) == 4
    assert (_count(db, LinkJob), _count(db, BriefRow), _count(db, DigestItem), _count(db, Digest)) == (3, 3, 0, 1)
    assert Digester(s, db, None).run("C1", dry_run=True).count == 3
    assert purge_expired(db, days=0) == 0  # 0 keeps everything


def test_maybe_purge_runs_at_most_once_an_hour(db, settings):
    add_briefs(db, "C1", 2, finished_at=utcnow() - timedelta(days=10))
    now = [1000.0]
    s = settings(database_url=db.url, brief_retention_days=5)
    assert maybe_purge(s, db, clock=lambda: now[0]) == 2
    add_briefs(db, "C1", 2, start=50, finished_at=utcnow() - timedelta(days=10))
    now[0] += 60
    assert maybe_purge(s, db, clock=lambda: now[0]) == 0
    now[0] += 3600
    assert maybe_purge(s, db, clock=lambda: now[0]) == 2
    assert maybe_purge(settings(database_url=db.url), db) == 0  # not configured: nothing
