"""Durable link jobs: one row per link per message (`bot.db.tables.LinkJob`), shared by every process.

Intake (the Slack event handler, before it acks)::

    new_ids = enqueue_links(db, team_id="T1", channel_id="C1", message_ts="1700.1", thread_ts="1700.1",
                            user_id="U1", urls=found.urls)          # [] when Slack retried the event
    pool.notify()

Workers (`bot.jobs.workers.WorkerPool` does all of this)::

    for job in claim_jobs(db, worker_id=me, limit=4, lease_seconds=20):
        ...                                          # renew_leases() every few seconds meanwhile
        brief_id = attach_brief(db, job.id, brief, worker_id=me)
        if begin_post(db, job.id, worker_id=me):     # fenced: False if the lease was lost
            finish_job(db, job.id, reply_ts=poster.post_brief(job, brief), worker_id=me)
        # or retry_job(db, job.id, error, delay_s, worker_id=me) / fail_job(db, job.id, error, …)

States: `queued` → `working` → `done` | `failed` | `cancelled` (working → queued on a transient
failure). A job is claimable when it is `queued` and due, or `working` with an expired lease (its
worker died). Every worker-side change after the claim is *fenced*: it applies only while the row
is still `working` and `claimed_by` this worker, so a worker that lost its lease cannot finish or
post over the one that took the job over.

Idempotency is the unique key (channel_id, message_ts, url_key): Slack's retries and concurrent
deliveries of one event insert nothing the second time. Claiming is `FOR UPDATE SKIP LOCKED` on
PostgreSQL; on SQLite the claim is one UPDATE in a BEGIN IMMEDIATE transaction, which serialises
claimers. Times come from the caller (`now=`) so tests can drive a clock.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, delete, func, or_, select, update

from bot.db.engine import Database, rowcount, save_brief, utcnow
from bot.db.tables import BriefRow, EventSeen, LinkJob
from bot.models import Brief
from bot.urls import url_key


def new_worker_id() -> str:
    """Who holds a lease (link jobs, follow-up updates): host, process and a random tail, so a
    restarted process on the same host never takes its predecessor's leases for its own."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"

# Core statements on the mapped table: the queue's claims and updates want RETURNING of plain rows
jobs = cast(Table, LinkJob.__table__)

_ERROR_MAX = 2000


@dataclass(frozen=True)
class JobView:
    """A snapshot of one job, safe to pass between threads."""

    id: int
    team_id: str | None
    channel_id: str
    message_ts: str
    thread_ts: str
    user_id: str | None
    url: str
    url_key: str
    fresh: bool
    state: str
    attempts: int  # claims so far, this one included
    reply_ts: str | None
    brief_id: int | None
    post_started: bool  # an earlier attempt began posting: look for its reply before posting again
    last_error: str | None
    created_at: datetime
    finished_at: datetime | None

    @classmethod
    def from_row(cls, row) -> JobView:
        m = row._mapping if hasattr(row, "_mapping") else None
        get = (lambda name: m[name]) if m is not None else (lambda name: getattr(row, name))
        return cls(id=get("id"), team_id=get("team_id"), channel_id=get("channel_id"),
                   message_ts=get("message_ts"), thread_ts=get("thread_ts"), user_id=get("user_id"),
                   url=get("url"), url_key=get("url_key"), fresh=bool(get("fresh")), state=get("state"),
                   attempts=get("attempts"), reply_ts=get("reply_ts"), brief_id=get("brief_id"),
                   post_started=get("post_started_at") is not None, last_error=get("last_error"),
                   created_at=get("created_at"), finished_at=get("finished_at"))


# --- intake --------------------------------------------------------------------------------------


def record_event(db: Database, event_id: str, *, now: datetime | None = None) -> bool:
    """True the first time an event id is seen (a unique insert), False for repeats.

    For mentions and commands. Link messages need no event check: enqueue_links' unique key is
    the guard, and gating it on this would lose links if the process died between the two.
    """
    statement = db.insert(EventSeen).values(event_id=event_id, received_at=now or utcnow())
    # RETURNING rather than rowcount: the inserted row is there or not, on every driver
    statement = statement.on_conflict_do_nothing(index_elements=[EventSeen.event_id]).returning(
        EventSeen.event_id)
    with db.session() as s:
        return s.execute(statement).first() is not None


def prune_events(db: Database, *, older_than: timedelta = timedelta(days=2), now: datetime | None = None) -> int:
    """Forget event ids older than Slack's retry horizon (minutes); returns how many."""
    with db.session() as s:
        result = s.execute(delete(EventSeen).where(EventSeen.received_at < (now or utcnow()) - older_than))
        return rowcount(result)


def enqueue_links(db: Database, *, team_id: str | None, channel_id: str, message_ts: str, thread_ts: str,
                  user_id: str | None, urls: list[str], fresh: bool = False,
                  now: datetime | None = None) -> list[int]:
    """Record one job per link (urls from `bot.slack.links.find_links`); returns the ids of *new* jobs.

    One short transaction with one INSERT … ON CONFLICT DO NOTHING: duplicates (Slack retries,
    concurrent deliveries, the same link twice in a message) insert nothing.
    """
    request = EnqueueRequest(team_id=team_id, channel_id=channel_id, message_ts=message_ts, thread_ts=thread_ts,
                             user_id=user_id, urls=tuple(urls), fresh=fresh)
    return enqueue_many(db, [request], now=now)[0]


# --- claiming ------------------------------------------------------------------------------------


def claim_jobs(db: Database, *, worker_id: str, limit: int, lease_seconds: float,
               now: datetime | None = None, only_ids: Collection[int] | None = None) -> list[JobView]:
    """Take up to `limit` due jobs for `lease_seconds`: queued ones whose time has come, and working
    ones whose lease ran out (their worker died). Counts an attempt on each. `only_ids`: of these
    jobs only (picked from `due_jobs`; those another claimer took meanwhile are skipped)."""
    if limit <= 0:
        return []
    now = now or utcnow()
    due = or_(
        and_(jobs.c.state == "queued", jobs.c.next_attempt_at <= now),
        and_(jobs.c.state == "working", jobs.c.lease_until < now),
    )
    if only_ids is not None:
        if not only_ids:
            return []
        due = and_(due, jobs.c.id.in_(list(only_ids)))
    pick = select(jobs.c.id).where(due).order_by(jobs.c.next_attempt_at, jobs.c.id).limit(limit)
    if db.dialect == "postgresql":
        # several processes claim at once: each skips the rows another claimer has locked
        pick = pick.with_for_update(skip_locked=True)
    statement = (
        update(jobs)
        .where(jobs.c.id.in_(pick.scalar_subquery()))
        .values(state="working", claimed_by=worker_id, lease_until=now + timedelta(seconds=lease_seconds),
                attempts=jobs.c.attempts + 1)
        .returning(*jobs.c)
    )
    with db.session() as s:
        claimed = [JobView.from_row(row) for row in s.execute(statement)]
    return sorted(claimed, key=lambda job: job.id)


def due_jobs(db: Database, *, limit: int, now: datetime | None = None) -> list[tuple[int, str]]:
    """(id, channel_id) of up to `limit` jobs `claim_jobs` would take, oldest first — a read, no lock:
    the workers pick from it by channel, then claim those ids."""
    now = now or utcnow()
    due = or_(
        and_(jobs.c.state == "queued", jobs.c.next_attempt_at <= now),
        and_(jobs.c.state == "working", jobs.c.lease_until < now),
    )
    query = select(jobs.c.id, jobs.c.channel_id).where(due).order_by(jobs.c.next_attempt_at, jobs.c.id).limit(limit)
    with db.session(readonly=True) as s:
        return [(row.id, row.channel_id) for row in s.execute(query)]


def _mine(job_id: int, worker_id: str | None):
    """The fence: the row is still being worked on, by this worker."""
    condition = and_(jobs.c.id == job_id, jobs.c.state == "working")
    return and_(condition, jobs.c.claimed_by == worker_id) if worker_id is not None else condition


def renew_leases(db: Database, job_ids: list[int] | set[int], *, worker_id: str, lease_seconds: float,
                 now: datetime | None = None) -> set[int]:
    """Extend this worker's leases; returns the ids it still holds (a missing id was lost)."""
    if not job_ids:
        return set()
    statement = (
        update(jobs)
        .where(jobs.c.id.in_(list(job_ids)), jobs.c.state == "working", jobs.c.claimed_by == worker_id)
        .values(lease_until=(now or utcnow()) + timedelta(seconds=lease_seconds))
        .returning(jobs.c.id)
    )
    with db.session() as s:
        return set(s.execute(statement).scalars())


def renew_lease(db: Database, job_id: int, *, worker_id: str, lease_seconds: float,
                now: datetime | None = None) -> bool:
    return job_id in renew_leases(db, [job_id], worker_id=worker_id, lease_seconds=lease_seconds, now=now)


def release_jobs(db: Database, job_ids: list[int] | set[int], *, worker_id: str) -> set[int]:
    """Hand unfinished jobs back at shutdown so another process takes them at once instead of after
    the lease. Jobs that began posting are kept (their recovery must look for the reply first);
    the interrupted attempt is not counted. Returns the ids released."""
    if not job_ids:
        return set()
    statement = (
        update(jobs)
        .where(jobs.c.id.in_(list(job_ids)), jobs.c.state == "working", jobs.c.claimed_by == worker_id,
               jobs.c.post_started_at.is_(None))
        .values(state="queued", claimed_by=None, lease_until=None,
                attempts=func.max(jobs.c.attempts - 1, 0) if db.dialect == "sqlite"
                else func.greatest(jobs.c.attempts - 1, 0))
        .returning(jobs.c.id)
    )
    with db.session() as s:
        return set(s.execute(statement).scalars())


# --- progress and outcomes -----------------------------------------------------------------------


def attach_brief(db: Database, job_id: int, brief: Brief, *, worker_id: str | None, url_key: str) -> int | None:
    """Store the brief and link it to the job, so a later attempt posts it without fetching again.
    Returns the brief id, or None when the job is no longer this worker's."""
    with db.session() as s:
        if s.execute(select(jobs.c.id).where(_mine(job_id, worker_id))).first() is None:
            return None
        brief_id = save_brief(s, url_key, brief)
        s.execute(update(jobs).where(jobs.c.id == job_id).values(brief_id=brief_id))
        return brief_id


def begin_post(db: Database, job_id: int, *, worker_id: str | None, brief_id: int | None = None,
               now: datetime | None = None) -> bool:
    """Mark the job as about to post (kept across attempts); False if the lease was lost or the
    message was deleted meanwhile — then don't post."""
    values: dict[str, Any] = {"post_started_at": func.coalesce(jobs.c.post_started_at, now or utcnow())}
    if brief_id is not None:
        values["brief_id"] = brief_id
    with db.session() as s:
        return rowcount(s.execute(update(jobs).where(_mine(job_id, worker_id)).values(**values))) == 1


def finish_job(db: Database, job_id: int, *, brief_id: int | None = None, reply_ts: str | None = None,
               worker_id: str | None = None, now: datetime | None = None) -> bool:
    """The brief (or the earlier thread's link) is posted: `done`. False if the job was not
    this worker's any more (cancelled, or taken over); the reply_ts is recorded either way
    when the message was deleted meanwhile, so the caller can delete the reply."""
    now = now or utcnow()
    values = {"state": "done", "finished_at": now, "lease_until": None, "last_error": None}
    if brief_id is not None:
        values["brief_id"] = brief_id
    if reply_ts is not None:
        values["reply_ts"] = reply_ts
    with db.session() as s:
        if rowcount(s.execute(update(jobs).where(_mine(job_id, worker_id)).values(**values))) == 1:
            return True
        if reply_ts is not None:
            s.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.state == "cancelled",
                                         jobs.c.reply_ts.is_(None)).values(reply_ts=reply_ts))
        return False


def retry_job(db: Database, job_id: int, error: str, delay_s: float, *, worker_id: str | None = None,
              now: datetime | None = None) -> bool:
    """Back to `queued`, due in `delay_s` seconds."""
    now = now or utcnow()
    values = {"state": "queued", "next_attempt_at": now + timedelta(seconds=max(delay_s, 0)),
              "lease_until": None, "claimed_by": None, "last_error": error[:_ERROR_MAX]}
    with db.session() as s:
        return rowcount(s.execute(update(jobs).where(_mine(job_id, worker_id)).values(**values))) == 1


def fail_job(db: Database, job_id: int, error: str, *, reply_ts: str | None = None,
             worker_id: str | None = None, now: datetime | None = None) -> bool:
    """Given up (the user was told, or Slack refused for good): `failed`."""
    values = {"state": "failed", "finished_at": now or utcnow(), "lease_until": None,
              "last_error": error[:_ERROR_MAX]}
    if reply_ts is not None:
        values["reply_ts"] = reply_ts
    with db.session() as s:
        return rowcount(s.execute(update(jobs).where(_mine(job_id, worker_id)).values(**values))) == 1


def cancel_message_jobs(db: Database, channel_id: str, message_ts: str) -> list[JobView]:
    """The message was deleted: cancel all its jobs (also done ones, so no digest shows them) and
    return those that had replied, so the caller deletes the replies (`job.reply_ts`)."""
    mine = and_(jobs.c.channel_id == channel_id, jobs.c.message_ts == message_ts)
    with db.session() as s:
        replied = [JobView.from_row(row) for row in
                   s.execute(select(jobs).where(mine, jobs.c.reply_ts.is_not(None)).order_by(jobs.c.id))]
        s.execute(update(jobs).where(mine, jobs.c.state != "cancelled")
                  .values(state="cancelled", lease_until=None, finished_at=utcnow()))
    return replied


# --- reading -------------------------------------------------------------------------------------


def get_job(db: Database, job_id: int) -> JobView | None:
    with db.session(readonly=True) as s:
        row = s.execute(select(jobs).where(jobs.c.id == job_id)).first()
        return JobView.from_row(row) if row else None


def message_jobs(db: Database, channel_id: str, message_ts: str) -> list[JobView]:
    with db.session(readonly=True) as s:
        rows = s.execute(select(jobs).where(jobs.c.channel_id == channel_id, jobs.c.message_ts == message_ts)
                         .order_by(jobs.c.id))
        return [JobView.from_row(row) for row in rows]


def queue_counts(db: Database) -> dict[str, int]:
    """Jobs per state, e.g. {"queued": 2, "working": 1, "done": 40} (the `status` command)."""
    with db.session(readonly=True) as s:
        return dict(s.execute(select(jobs.c.state, func.count()).group_by(jobs.c.state)).all())


@dataclass(frozen=True)
class RecentBrief:
    brief_id: int
    brief: Brief
    earlier: JobView | None  # the first job in the asking channel that already showed it


def find_recent_brief(db: Database, url_key: str, *, since: datetime, channel_id: str,
                      exclude_job_id: int | None = None) -> RecentBrief | None:
    """The newest brief of this page made since `since`, and the earliest finished job in
    `channel_id` that replied with it (to link to that thread instead of repeating it)."""
    with db.session(readonly=True) as s:
        row = s.execute(
            select(BriefRow).where(BriefRow.url_key == url_key, BriefRow.created_at >= since)
            .order_by(BriefRow.created_at.desc(), BriefRow.id.desc()).limit(1)
        ).scalar_one_or_none()
        if row is None:
            return None
        earlier_query = (
            select(jobs)
            .where(jobs.c.url_key == url_key, jobs.c.channel_id == channel_id, jobs.c.state == "done",
                   jobs.c.reply_ts.is_not(None), jobs.c.brief_id.is_not(None), jobs.c.finished_at >= since)
            .order_by(jobs.c.finished_at, jobs.c.id).limit(1)
        )
        if exclude_job_id is not None:
            earlier_query = earlier_query.where(jobs.c.id != exclude_job_id)
        earlier = s.execute(earlier_query).first()
        return RecentBrief(brief_id=row.id, brief=Brief.model_validate_json(row.brief_json),
                           earlier=JobView.from_row(earlier) if earlier else None)


# --- group commit for the ack path (added by the slack-app helper; see bot/intake.py) ----------------


@dataclass(frozen=True)
class EnqueueRequest:
    """The arguments of one `enqueue_links` call, for `enqueue_many`."""

    team_id: str | None
    channel_id: str
    message_ts: str
    thread_ts: str
    user_id: str | None
    urls: tuple[str, ...]
    fresh: bool = False


def enqueue_many(db: Database, requests: list[EnqueueRequest], *, now: datetime | None = None) -> list[list[int]]:
    """`enqueue_links` for many messages in ONE transaction (one commit, one fsync); returns, per
    request, the ids of its new jobs. Same unique key, so duplicates anywhere insert nothing."""
    now = now or utcnow()
    rows, owner = [], {}
    for index, request in enumerate(requests):
        for url in request.urls:
            identity = (request.channel_id, request.message_ts, url_key(url))
            if identity in owner:
                continue  # the same link twice in a message, or a retry delivered in the same batch
            owner[identity] = index
            rows.append({"team_id": request.team_id, "channel_id": request.channel_id,
                         "message_ts": request.message_ts, "thread_ts": request.thread_ts,
                         "user_id": request.user_id, "url": url, "url_key": identity[2], "fresh": request.fresh,
                         "state": "queued", "attempts": 0, "next_attempt_at": now, "created_at": now})
    results: list[list[int]] = [[] for _ in requests]
    if not rows:
        return results
    # one statement for any number of rows, run with the rows as parameters (SQLAlchemy's
    # "insertmanyvalues": still one INSERT … VALUES (…), (…) per batch). Its compiled form is cached;
    # `.values(rows)` was compiled anew for every batch: ~0.3 ms of CPU per row, on the ack path
    statement = _enqueue_statement(db)
    # durable: Slack gets its acks right after this commit, and then never sends these events again
    with db.session(durable=True) as s:
        for job_id, channel_id, message_ts, key in s.connection().execute(statement, rows):
            results[owner[(channel_id, message_ts, key)]].append(job_id)
    return [sorted(ids) for ids in results]


def _enqueue_statement(db: Database):
    statement = _ENQUEUE_STATEMENTS.get(db.dialect)
    if statement is None:
        statement = _ENQUEUE_STATEMENTS[db.dialect] = (
            db.insert(jobs)
            .on_conflict_do_nothing(index_elements=["channel_id", "message_ts", "url_key"])
            .returning(jobs.c.id, jobs.c.channel_id, jobs.c.message_ts, jobs.c.url_key)
        )
    return statement


_ENQUEUE_STATEMENTS: dict[str, Any] = {}


def count_briefed_since(db: Database, channel_id: str, *, since: datetime) -> int:
    """How many links of this channel were briefed since `since`."""
    with db.session(readonly=True) as s:
        query = select(func.count(LinkJob.id)).where(
            LinkJob.channel_id == channel_id, LinkJob.state == "done", LinkJob.brief_id.is_not(None),
            LinkJob.finished_at >= since)
        return int(s.scalar(query) or 0)


def brief_id_of_job(db: Database, job_id: int) -> int | None:
    """The brief a job produced (None: no such job, or no brief yet)."""
    with db.session(readonly=True) as s:
        job = s.get(LinkJob, job_id)
        return job.brief_id if job else None
