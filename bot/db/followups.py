"""Brief records, open requests, full-text search and follow-up updates: the SQL behind `bot.followups`.

    added = index_new_briefs(db, matcher, since=watermark)   # done jobs → brief_records (+ search), and
                                                             # decided ones matched against open requests
    rows, more = search_briefs(db, "T1", ["ukraine", "missiles"], channel_ids={"C1", "C2"}, offset=0)
    channels = search_channels(db, "T1", ["ukraine"])        # which channels hold matches (to check access)
    rows = open_requests(db, "C1")                           # the channel's pending requests, oldest first
    count, oldest = open_summary(db, "C1")                   # for the digest line

    for f in claim_followups(db, worker_id="w1", lease_seconds=30):   # prepared updates to post
        begin_followup_post(db, f.id, worker_id="w1"); …; finish_followup(db, f.id, reply_ts=ts, worker_id="w1")

Search: SQLite FTS5 (`brief_records_fts`, porter stemming) or PostgreSQL `to_tsvector('english', …)`
with a GIN index; the words are reduced to plain tokens first, so no query syntax from a user gets
through (no FTS5 operators, no tsquery syntax).

Exactly once: an open request gets at most one `followups` row (unique open_job_id), created in the
same transaction that indexes the decided brief and marks the request resolved. The update is
posted after it is recorded, tagged with the follow-up id, and a retry looks for the tag first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, column, func, or_, select, table, text, update
from sqlalchemy.orm import Session

from bot.db.engine import FOLLOWUP_INDEX_LOCK, Database, rowcount, save_brief, utcnow
from bot.db.tables import BriefRecordRow, BriefRow, FollowupRow, LinkJob
from bot.models import Brief

# schema objects the migration makes that bot.db.tables does not map (alembic's compare skips them)
UNMAPPED_SCHEMA_NAMES = frozenset({
    "brief_records_fts", "brief_records_fts_data", "brief_records_fts_idx", "brief_records_fts_docsize",
    "brief_records_fts_config", "brief_records_fts_content", "ix_brief_records_fts",
})
PG_SEARCH_EXPRESSION = (
    "to_tsvector('english'::regconfig, coalesce(requester, '') || ' ' || coalesce(request, '') || ' ' "
    "|| coalesce(decided_by, '') || ' ' || coalesce(title, ''))"
)
DECIDED = ("approved", "declined", "partial")
MAX_SEARCH_WORDS = 8
MAX_WORD_CHARS = 40
MAX_OPEN_CANDIDATES = 500  # open requests of a workspace looked at per decided brief (newest first)
OPEN_WINDOW = timedelta(days=180)  # older open requests are not matched any more
INDEX_BATCH = 200


def include_name(name, type_, parent_names) -> bool:
    """Alembic `include_name` hook: leave the search objects (not in bot.db.tables) out of comparisons."""
    return name not in UNMAPPED_SCHEMA_NAMES


@dataclass(frozen=True)
class RecordView:
    job_id: int
    brief_id: int
    team_id: str | None
    channel_id: str
    thread_ts: str
    reply_ts: str | None
    url: str
    status: str
    requester: str | None
    request: str | None
    decided_by: str | None
    title: str | None
    open_state: str | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: BriefRecordRow) -> RecordView:
        return cls(job_id=row.job_id, brief_id=row.brief_id, team_id=row.team_id, channel_id=row.channel_id,
                   thread_ts=row.thread_ts, reply_ts=row.reply_ts, url=row.url, status=row.status,
                   requester=row.requester, request=row.request, decided_by=row.decided_by, title=row.title,
                   open_state=row.open_state, created_at=row.created_at)


# (outcome, candidates) → [(open request, score)] to resolve; see bot.followups.matching
Matcher = Callable[[RecordView, list[RecordView]], list[tuple[RecordView, float]]]


# --- indexing ------------------------------------------------------------------------------------


def latest_indexed(db: Database) -> datetime | None:
    """When the newest indexed brief was posted (where a restarted indexer picks up)."""
    with db.session(readonly=True) as s:
        return s.scalar(select(func.max(BriefRecordRow.created_at)))


def index_new_briefs(db: Database, matcher: Matcher | None, *, since: datetime | None,
                     now: datetime | None = None, recheck_after: timedelta | None = timedelta(days=1),
                     limit: int = INDEX_BATCH) -> list[RecordView]:
    """Record done jobs posted since `since` that have no record yet; match the decided ones.

    One transaction per batch: a crash leaves nothing half-done, and the next run redoes the batch.
    """
    now = now or utcnow()
    query = (
        select(LinkJob, BriefRow)
        .join(BriefRow, LinkJob.brief_id == BriefRow.id)
        .outerjoin(BriefRecordRow, BriefRecordRow.job_id == LinkJob.id)
        .where(LinkJob.state == "done", BriefRecordRow.job_id.is_(None))
        .order_by(LinkJob.finished_at, LinkJob.id)
        .limit(limit)
    )
    if since is not None:
        query = query.where(LinkJob.finished_at >= since)
    # a read first: an idle pass must not take SQLite's one write lock from the ack path
    with db.session(readonly=True) as s:
        if s.execute(query.with_only_columns(LinkJob.id).limit(1)).first() is None:
            return []
    added: list[RecordView] = []
    with db.session() as s:
        # two indexers (the follow-up loop of two workers) would both record the same job: the
        # second waits here, then its query no longer finds what the first recorded
        db.serialise(s, FOLLOWUP_INDEX_LOCK)
        for job, brief_row in s.execute(query).all():
            brief = Brief.model_validate_json(brief_row.brief_json)
            # a reply that only linked to an earlier thread of the same brief here: not a second request
            duplicate = s.scalar(select(BriefRecordRow.job_id).where(
                BriefRecordRow.brief_id == brief_row.id, BriefRecordRow.channel_id == job.channel_id).limit(1))
            status = str(brief.status)
            pending = status == "pending" and duplicate is None and bool(brief.requester)
            row = BriefRecordRow(
                job_id=job.id, brief_id=brief_row.id, team_id=job.team_id, channel_id=job.channel_id,
                thread_ts=job.thread_ts, reply_ts=job.reply_ts, url=job.url, status=status,
                requester=brief.requester, request=brief.request, decided_by=brief.decided_by,
                title=brief.title, searchable=duplicate is None, open_state="open" if pending else None,
                recheck_at=(now + recheck_after) if pending and recheck_after and _is_web(job.url) else None,
                rechecks=0, created_at=job.finished_at or now)
            s.add(row)
            s.flush()
            if row.searchable and db.dialect == "sqlite":
                s.execute(text("INSERT INTO brief_records_fts (rowid, requester, request, decided_by, title) "
                               "VALUES (:id, :requester, :request, :decided_by, :title)"),
                          {"id": row.job_id, "requester": row.requester, "request": row.request,
                           "decided_by": row.decided_by, "title": row.title})
            view = RecordView.from_row(row)
            added.append(view)
            if matcher is not None and status in DECIDED and row.searchable:
                _resolve_matches(s, matcher, view, outcome_job=job, now=now)
    return added


def _is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _open_candidates(s: Session, team_id: str | None, *, before: datetime, now: datetime,
                     exclude_url: str | None = None) -> list[RecordView]:
    query = (
        select(BriefRecordRow)
        .where(BriefRecordRow.open_state == "open", BriefRecordRow.created_at <= before,
               BriefRecordRow.created_at >= now - OPEN_WINDOW)
        .order_by(BriefRecordRow.created_at.desc())
        .limit(MAX_OPEN_CANDIDATES)
    )
    query = query.where(BriefRecordRow.team_id.is_(None) if team_id is None else BriefRecordRow.team_id == team_id)
    return [RecordView.from_row(r) for r in s.scalars(query)]


def _resolve_matches(s: Session, matcher: Matcher, outcome: RecordView, *, outcome_job: LinkJob,
                     now: datetime) -> None:
    candidates = [c for c in _open_candidates(s, outcome.team_id, before=outcome.created_at, now=now)
                  if c.job_id != outcome.job_id]
    for request, score in matcher(outcome, candidates):
        _prepare_followup(s, request, status=outcome.status, score=score, outcome_brief_id=outcome.brief_id,
                          outcome_url=outcome.url, outcome_job_id=outcome.job_id,
                          outcome_channel_id=outcome.channel_id,
                          outcome_ts=outcome.reply_ts or outcome_job.message_ts,
                          outcome_thread_ts=outcome.thread_ts, now=now)


def _prepare_followup(s: Session, request: RecordView, *, status: str, score: float, outcome_brief_id: int,
                      outcome_url: str, outcome_job_id: int | None, outcome_channel_id: str | None,
                      outcome_ts: str | None, outcome_thread_ts: str | None, now: datetime) -> bool:
    """Mark the request resolved and record its update, unless someone already did (at most once)."""
    taken = s.execute(update(BriefRecordRow)
                      .where(BriefRecordRow.job_id == request.job_id, BriefRecordRow.open_state == "open")
                      .values(open_state="resolved", recheck_at=None))
    if rowcount(taken) != 1:
        return False
    s.add(FollowupRow(open_job_id=request.job_id, channel_id=request.channel_id, thread_ts=request.thread_ts,
                      status=status, score=round(score, 4), outcome_job_id=outcome_job_id,
                      outcome_brief_id=outcome_brief_id, outcome_url=outcome_url,
                      outcome_channel_id=outcome_channel_id, outcome_ts=outcome_ts,
                      outcome_thread_ts=outcome_thread_ts, state="prepared", attempts=0, created_at=now))
    s.flush()
    return True


# --- open requests ----------------------------------------------------------------------------------


def _live(query):
    """Only briefs whose job is still done (a deleted message cancels its job: its brief is gone too)."""
    return query.join(LinkJob, and_(LinkJob.id == BriefRecordRow.job_id, LinkJob.state == "done"))


def open_requests(db: Database, channel_id: str, *, limit: int = 20) -> tuple[list[RecordView], int]:
    """(the oldest `limit` open requests of the channel, how many there are)."""
    where = (BriefRecordRow.channel_id == channel_id, BriefRecordRow.open_state == "open")
    with db.session(readonly=True) as s:
        rows = s.scalars(_live(select(BriefRecordRow)).where(*where)
                         .order_by(BriefRecordRow.created_at, BriefRecordRow.job_id).limit(limit))
        views = [RecordView.from_row(r) for r in rows]
        total = s.scalar(_live(select(func.count()).select_from(BriefRecordRow)).where(*where)) or 0
    return views, int(total)


def open_summary(db: Database, channel_id: str) -> tuple[int, datetime | None]:
    """(how many requests of the channel are still open, when the oldest was briefed)."""
    with db.session(readonly=True) as s:
        count, oldest = s.execute(
            _live(select(func.count(), func.min(BriefRecordRow.created_at)).select_from(BriefRecordRow))
            .where(BriefRecordRow.channel_id == channel_id, BriefRecordRow.open_state == "open")).one()
    return int(count or 0), oldest


# --- full-text search -------------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def search_words(text_: str) -> list[str]:
    """The words of a query as plain tokens (no operators, quotes or column filters), at most 8."""
    words = [w.casefold()[:MAX_WORD_CHARS] for w in _WORD.findall(text_ or "") if w.strip("_")]
    return list(dict.fromkeys(words))[:MAX_SEARCH_WORDS]


CHANNEL_SCAN_MATCHES = 1000  # channels to check for visibility come from the newest this many matches


def _fts_query(words: list[str]) -> str:
    # each word quoted: FTS5 reads it as a plain string token, never as an operator
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _pg_match(words: list[str]):
    return text(f"{PG_SEARCH_EXPRESSION} @@ plainto_tsquery('english'::regconfig, :ts_query)").bindparams(
        ts_query=" ".join(words))


def _match_ids(db: Database, words: list[str], cap: int):
    """SQLite: the job ids of the newest `cap` records that contain every word (newest = shared last).
    FTS5 walks its doclist backwards for ORDER BY rowid DESC: a common word costs `cap` rows, not all."""
    return text("SELECT rowid FROM brief_records_fts WHERE brief_records_fts MATCH :fts_query "
                "ORDER BY rowid DESC LIMIT :fts_cap").bindparams(fts_query=_fts_query(words), fts_cap=cap)


def search_channels(db: Database, team_id: str | None, words: list[str], *, limit: int = 100) -> list[str]:
    """Channels holding the newest CHANNEL_SCAN_MATCHES matches of every word, most recent first (at most `limit`).

    One pass over the search index, no check that the jobs are still done (the page query does that):
    a deleted message's brief costs one visibility check at most, and joins made PostgreSQL scan tables.
    """
    if not words:
        return []
    record = BriefRecordRow
    if db.dialect == "sqlite":
        ids = _match_ids(db, words, CHANNEL_SCAN_MATCHES).columns(record.job_id)
        inner = select(record.channel_id, record.job_id).where(record.job_id.in_(ids))
    else:
        inner = select(record.channel_id, record.job_id).where(_pg_match(words)) \
            .order_by((record.job_id + 0).desc()).limit(CHANNEL_SCAN_MATCHES)
    matches = inner.where(record.searchable.is_(True),
                          record.team_id.is_(None) if team_id is None else record.team_id == team_id).subquery()
    query = select(matches.c.channel_id, func.max(matches.c.job_id).label("latest")) \
        .group_by(matches.c.channel_id).order_by(text("latest DESC")).limit(limit)
    with db.session(readonly=True) as s:
        return [row[0] for row in s.execute(query)]


def search_briefs(db: Database, team_id: str | None, words: list[str], *, channel_ids: Iterable[str] | None,
                  offset: int = 0, limit: int = 10) -> tuple[list[RecordView], bool]:
    """(briefs matching every word in those channels, newest shared first, `limit` from `offset`;
    whether there are more). No total: counting every match of a common word is what makes a search slow."""
    if not words:
        return [], False
    if db.dialect == "sqlite":
        # driven by the FTS5 index in rowid (= job id) order, so the newest page stops after a few rows
        fts = table("brief_records_fts", column("rowid"))
        query = select(BriefRecordRow).join(fts, fts.c.rowid == BriefRecordRow.job_id).where(
            text("brief_records_fts MATCH :fts_query").bindparams(fts_query=_fts_query(words)))
        order = fts.c.rowid.desc()
    else:
        query = select(BriefRecordRow).where(_pg_match(words))
        # "job_id + 0": sorted after the GIN lookup; PostgreSQL would otherwise walk the primary key backwards
        # and compute to_tsvector for every row until it found a page of matches (0.5 s for a common word)
        order = (BriefRecordRow.job_id + 0).desc()
    query = _live(query).where(BriefRecordRow.searchable.is_(True))
    query = query.where(BriefRecordRow.team_id.is_(None) if team_id is None else BriefRecordRow.team_id == team_id)
    if channel_ids is not None:
        channels = sorted(set(channel_ids))
        if not channels:
            return [], False
        query = query.where(BriefRecordRow.channel_id.in_(bindparam("channels", channels, expanding=True)))
    with db.session(readonly=True) as s:
        rows = list(s.scalars(query.order_by(order).offset(offset).limit(limit + 1)))
    return [RecordView.from_row(r) for r in rows[:limit]], len(rows) > limit


# --- posting updates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowupView:
    id: int
    open_job_id: int
    channel_id: str
    thread_ts: str
    status: str
    score: float
    outcome_url: str
    outcome_brief_id: int
    outcome_job_id: int | None  # None: found by re-checking the request's own page
    outcome_channel_id: str | None
    outcome_ts: str | None
    outcome_thread_ts: str | None
    state: str
    attempts: int
    reply_ts: str | None
    post_started: bool

    @classmethod
    def from_row(cls, row: FollowupRow) -> FollowupView:
        return cls(id=row.id, open_job_id=row.open_job_id, channel_id=row.channel_id, thread_ts=row.thread_ts,
                   status=row.status, score=row.score, outcome_url=row.outcome_url,
                   outcome_brief_id=row.outcome_brief_id, outcome_job_id=row.outcome_job_id,
                   outcome_channel_id=row.outcome_channel_id,
                   outcome_ts=row.outcome_ts, outcome_thread_ts=row.outcome_thread_ts, state=row.state,
                   attempts=row.attempts, reply_ts=row.reply_ts, post_started=row.post_started_at is not None)


def claim_followups(db: Database, *, worker_id: str, lease_seconds: float, limit: int = 20,
                    now: datetime | None = None) -> list[FollowupView]:
    """Prepared updates nobody holds (or whose holder's lease ran out), leased to `worker_id`."""
    now = now or utcnow()
    free = and_(FollowupRow.state == "prepared",
                or_(FollowupRow.lease_until.is_(None), FollowupRow.lease_until < now))
    with db.session(readonly=True) as s:  # nothing to claim, no write transaction (the ack path's lock)
        if s.scalar(select(FollowupRow.id).where(free).limit(1)) is None:
            return []
    with db.session() as s:
        query = select(FollowupRow.id).where(free).order_by(FollowupRow.id).limit(limit)
        if db.dialect == "postgresql":
            query = query.with_for_update(skip_locked=True)
        ids = list(s.scalars(query))
        if not ids:
            return []
        s.execute(update(FollowupRow).where(FollowupRow.id.in_(ids), free).values(
            lease_until=now + timedelta(seconds=lease_seconds), attempts=FollowupRow.attempts + 1,
            claimed_by=worker_id))
        rows = s.scalars(select(FollowupRow).where(FollowupRow.id.in_(ids), FollowupRow.claimed_by == worker_id,
                                                   FollowupRow.lease_until > now, FollowupRow.state == "prepared"))
        return [FollowupView.from_row(r) for r in rows]


def begin_followup_post(db: Database, followup_id: int, *, now: datetime | None = None) -> None:
    with db.session() as s:
        s.execute(update(FollowupRow).where(FollowupRow.id == followup_id)
                  .values(post_started_at=now or utcnow()))


def finish_followup(db: Database, followup_id: int, *, reply_ts: str | None, now: datetime | None = None) -> bool:
    with db.session() as s:
        done = s.execute(update(FollowupRow).where(FollowupRow.id == followup_id, FollowupRow.state == "prepared")
                         .values(state="posted", reply_ts=reply_ts, posted_at=now or utcnow(), lease_until=None))
        return rowcount(done) == 1


def fail_followup(db: Database, followup_id: int, error: str, *, now: datetime | None = None) -> None:
    with db.session() as s:
        s.execute(update(FollowupRow).where(FollowupRow.id == followup_id, FollowupRow.state == "prepared")
                  .values(state="failed", last_error=error[:2000], lease_until=None, posted_at=now or utcnow()))


def retry_followup(db: Database, followup_id: int, error: str, delay_s: float, *,
                   now: datetime | None = None) -> None:
    now = now or utcnow()
    with db.session() as s:
        s.execute(update(FollowupRow).where(FollowupRow.id == followup_id, FollowupRow.state == "prepared")
                  .values(last_error=error[:2000], lease_until=now + timedelta(seconds=delay_s)))


def get_followups(db: Database, *, open_job_id: int | None = None) -> list[FollowupView]:
    with db.session(readonly=True) as s:
        query = select(FollowupRow).order_by(FollowupRow.id)
        if open_job_id is not None:
            query = query.where(FollowupRow.open_job_id == open_job_id)
        return [FollowupView.from_row(r) for r in s.scalars(query)]


def get_record(db: Database, job_id: int) -> RecordView | None:
    with db.session(readonly=True) as s:
        row = s.get(BriefRecordRow, job_id)
        return RecordView.from_row(row) if row else None


# --- re-checking open requests whose page may be updated in place ------------------------------------


def due_rechecks(db: Database, *, now: datetime | None = None, limit: int = 5) -> list[RecordView]:
    now = now or utcnow()
    with db.session(readonly=True) as s:
        rows = s.scalars(_live(select(BriefRecordRow))
                         .where(BriefRecordRow.open_state == "open", BriefRecordRow.recheck_at <= now)
                         .order_by(BriefRecordRow.recheck_at).limit(limit))
        return [RecordView.from_row(r) for r in rows]


def record_recheck(db: Database, job_id: int, *, next_at: datetime | None, expire: bool = False) -> None:
    """After a re-fetch that brought no decision: when to look again (None = never; `expire` closes it)."""
    with db.session() as s:
        values: dict = {"recheck_at": next_at, "rechecks": BriefRecordRow.rechecks + 1}
        if expire:
            values["open_state"] = "expired"
        s.execute(update(BriefRecordRow)
                  .where(BriefRecordRow.job_id == job_id, BriefRecordRow.open_state == "open").values(**values))


def rechecks_done(db: Database, job_id: int) -> int:
    with db.session(readonly=True) as s:
        return int(s.scalar(select(BriefRecordRow.rechecks).where(BriefRecordRow.job_id == job_id)) or 0)


def resolve_by_recheck(db: Database, request: RecordView, brief: Brief, *, url_key: str,
                       now: datetime | None = None) -> bool:
    """The page of an open request now states a decision: store that brief and prepare the update."""
    now = now or utcnow()
    with db.session() as s:
        brief_id = save_brief(s, url_key, brief)
        return _prepare_followup(s, request, status=str(brief.status), score=1.0, outcome_brief_id=brief_id,
                                 outcome_url=request.url, outcome_job_id=None, outcome_channel_id=None,
                                 outcome_ts=None, outcome_thread_ts=None, now=now)
