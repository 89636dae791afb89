"""Articles and stored briefs for the follow-up tests (all text written here).

    pages.extra["/p"] = plain_article(PENDING_DEPOT)               # a text/plain article page
    job_id = store_brief(db, brief, channel="C1", ts="1.1")         # a posted brief, as the workers leave it
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from bot.db import jobs as queue
from bot.db.engine import utcnow
from bot.models import Brief

PENDING_DEPOT = """Planning board delays decision on Greenfield Council depot
Greenfield Council asked the planning board for permission to build a new bus depot on the river bank, a project it had planned for six years.
On Tuesday the planning board postponed its decision until next month, saying it needed more time to study the flood maps.
Officials said the board would rule on the request at its March meeting. Residents are divided on the plan, with some welcoming the jobs it promised."""

DECLINED_DEPOT = """Planning board rejects Greenfield Council's depot plan
The planning board on Monday rejected Greenfield Council's request for permission to build a new bus depot on the river bank.
The board said the site lies in a protected flood zone and no exception could be made under the current rules.
Greenfield Council said it would study the ruling and consider an appeal. Residents had been divided on the plan for months."""

DECLINED_FEES = """Planning board rejects Greenfield Council's parking fees
The planning board on Monday rejected Greenfield Council's request to raise parking fees in the town centre.
The board said the higher fees would hurt small shops on the high street and drive visitors away.
Greenfield Council said it would study the ruling. Shop owners welcomed the decision, which ends months of debate."""

APPROVED_LIBRARY = """Culture ministry approves Harbor Hospital's request for a new children's wing
The culture ministry approved Harbor Hospital's request to build a children's wing next to the old library.
The ministry said the design respected the listed building. Work starts in spring and should take two years to finish."""


def plain_article(text: str) -> tuple[str, bytes]:
    return "text/plain; charset=utf-8", text.encode()


_ts = itertools.count(1)


def store_brief(db, brief: Brief, *, channel: str, team: str | None = "TFAKE", ts: str | None = None,
                url: str | None = None, now: datetime | None = None) -> int:
    """A link job taken through the queue to `done` with this brief (what a posted brief leaves behind)."""
    ts = ts or f"1700000{next(_ts):03d}.000100"
    url = url or f"https://news.example/{channel}/{ts}"
    # due only in an hour: a running server's workers leave it alone while this takes it through
    ahead = (now or utcnow()) + timedelta(hours=1)
    [job_id] = queue.enqueue_links(db, team_id=team, channel_id=channel, message_ts=ts, thread_ts=ts,
                                   user_id="UALICE", urls=[url], now=ahead)
    [job] = [j for j in queue.claim_jobs(db, worker_id="t", limit=50, lease_seconds=60, now=ahead)
             if j.id == job_id]
    brief_id = queue.attach_brief(db, job.id, brief, worker_id="t", url_key=job.url_key)
    assert queue.begin_post(db, job.id, worker_id="t", now=now)
    assert queue.finish_job(db, job.id, brief_id=brief_id, reply_ts=f"{ts}9", worker_id="t", now=now)
    return job_id


def brief(status: str, requester: str, request: str, decided_by: str | None, title: str) -> Brief:
    return Brief(source="x", title=title, summary=title, requester=requester, request=request,
                 decided_by=decided_by, status=status)
