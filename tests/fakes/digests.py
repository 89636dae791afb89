"""Building blocks for the digest tests and bench: briefs in a channel, as the link workers leave them.

    job_ids = add_briefs(db, "C1", 20)                       # 20 done jobs with briefs, one transaction
    job_ids = add_briefs(db, "C1", 3, statuses=["approved"], start=100, finished_at=when)
    brief_via_queue(db, "C1", "https://example.org/a", make_brief(1))   # the real queue path
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.db import jobs as queue
from bot.db.engine import Database, utcnow
from bot.db.tables import BriefRow, LinkJob
from bot.models import Brief, Evidence, Status

STATUSES = [Status.APPROVED, Status.DECLINED, Status.PENDING, Status.PARTIAL, Status.UNKNOWN]


def make_brief(i: int, status: Status | str | None = None, *, long: bool = False) -> Brief:
    status = Status(status) if status else STATUSES[i % len(STATUSES)]
    pad = " with a great deal of detail about the terms" * (6 if long else 0)
    return Brief(
        source=f"https://news.example.org/story/{i}",
        title=f"Story {i}: the council rules on request {i}",
        site="Example News",
        published="2024-11-28",
        summary=f"Summary of story {i}.",
        requester=f"Requester {i}",
        request=f"to build a bridge number {i}{pad}",
        decided_by="the city council",
        status=status,
        decision=f"decision {i}" if status != Status.UNKNOWN else None,
        reason=f"the budget for {i}{pad}",
        evidence=Evidence(requester=f"Requester {i} asked.", decision=f"It decided {i}."),
    )


def add_briefs(db: Database, channel_id: str, count: int, *, start: int = 0, statuses=None,
               finished_at: datetime | None = None, long: bool = False, user_id: str = "U0SHARER") -> list[int]:
    """`count` done jobs with stored briefs in `channel_id` (ids returned in order)."""
    finished_at = finished_at or utcnow()
    ids = []
    with db.session() as s:
        for n in range(count):
            i = start + n
            status = statuses[n % len(statuses)] if statuses else None
            brief = make_brief(i, status, long=long)
            row = BriefRow(url_key=f"news.example.org/story/{i}", status=str(brief.status), title=brief.title,
                           brief_json=brief.to_json(), created_at=finished_at)
            s.add(row)
            s.flush()
            ts = f"{1_700_000_000 + i}.000200"
            job = LinkJob(team_id="T0TEAM", channel_id=channel_id, message_ts=ts, thread_ts=ts, user_id=user_id,
                          url=brief.source, url_key=row.url_key, fresh=False, state="done", attempts=1,
                          next_attempt_at=finished_at, brief_id=row.id, reply_ts=f"{1_700_000_000 + i}.000300",
                          created_at=finished_at - timedelta(seconds=5), finished_at=finished_at + timedelta(microseconds=n))
            s.add(job)
            s.flush()
            ids.append(job.id)
    return ids


def brief_via_queue(db: Database, channel_id: str, url: str, brief: Brief, *, message_ts: str = "1700000500.000100",
                    thread_ts: str | None = None, user_id: str = "U0SHARER") -> int:
    """Enqueue, claim, attach the brief and finish, exactly as a link worker does."""
    [job_id] = queue.enqueue_links(db, team_id="T0TEAM", channel_id=channel_id, message_ts=message_ts,
                                   thread_ts=thread_ts or message_ts, user_id=user_id, urls=[url])
    claimed = queue.claim_jobs(db, worker_id="w1", limit=10, lease_seconds=30)
    job = next(j for j in claimed if j.id == job_id)
    brief_id = queue.attach_brief(db, job.id, brief, worker_id="w1", url_key=job.url_key)
    assert queue.finish_job(db, job.id, brief_id=brief_id, reply_ts="1700000501.000100", worker_id="w1")
    return job_id


def digest_titles(calls) -> list[str]:
    """Every brief title found in the posted digest messages, in order (from the `section` blocks)."""
    import re

    titles = []
    for call in calls:
        if "The full list of" in str(call.body.get("blocks")):
            continue  # a big digest's compact overview: its titles are repeated in the thread's full list
        for block in call.body.get("blocks") or []:
            text = (block.get("text") or {}).get("text", "") if block.get("type") == "section" else ""
            titles += re.findall(r"\|(Story \d+: [^>]*)>\*", text)
    return titles
