"""Durable link jobs: idempotent intake under concurrency, claims, leases, fencing, reuse lookups."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from bot.db import jobs as queue
from bot.db.engine import Database, utcnow
from bot.models import Brief

ROOT = Path(__file__).resolve().parents[2]


def enqueue(db, message_ts="1700000000.000100", urls=("https://example.org/a",), channel_id="C1", **kw):
    return queue.enqueue_links(db, team_id="T1", channel_id=channel_id, message_ts=message_ts,
                               thread_ts=kw.pop("thread_ts", message_ts), user_id="U1", urls=list(urls), **kw)


def test_enqueue_returns_only_new_jobs(db):
    first = enqueue(db, urls=["https://example.org/a", "https://example.org/b"])
    assert len(first) == 2
    assert enqueue(db, urls=["https://example.org/a", "https://example.org/b"]) == []  # Slack's retry
    # the same page spelled differently in the same message is one job
    assert enqueue(db, urls=["http://www.example.org/a/", "https://example.org/c"]) != []
    assert len(queue.message_jobs(db, "C1", "1700000000.000100")) == 3
    # the same link in another message, or another channel, is new work
    assert len(enqueue(db, message_ts="1700000000.000200")) == 1
    assert len(enqueue(db, channel_id="C2")) == 1
    assert enqueue(db, urls=[]) == []
    job = queue.get_job(db, first[0])
    assert (job.state, job.attempts, job.url, job.url_key, job.fresh) == (
        "queued", 0, "https://example.org/a", "example.org/a", False)
    assert job.created_at.tzinfo is not None


def test_concurrent_enqueues_with_duplicates_count_exactly(db):
    """8 threads × 50 enqueues of the same 50 messages (2 links each): 100 jobs, each id returned once."""
    returned: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(8)

    def deliver(offset: int):
        barrier.wait()
        try:
            for i in range(50):
                n = (i + offset * 7) % 50  # each thread walks the messages in a different order
                ids = enqueue(db, message_ts=f"1700.{n:04d}",
                              urls=[f"https://example.org/{n}?utm_source=x", f"https://example.org/{n}/more"])
                with lock:
                    returned.extend(ids)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=deliver, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(returned) == 100
    assert len(set(returned)) == 100
    assert queue.queue_counts(db) == {"queued": 100}


_WRITER = """
import sys
from bot.db import jobs as queue
from bot.db.engine import Database
db = Database(sys.argv[1])
new = 0
for i in range(60):
    n = (i * int(sys.argv[2])) % 60
    new += len(queue.enqueue_links(db, team_id="T", channel_id="C", message_ts=f"1.{n}", thread_ts=f"1.{n}",
                                   user_id="U", urls=[f"https://example.org/{n}", "https://example.org/shared"]))
    queue.record_event(db, f"Ev{n}")
print(new)
"""


def test_two_processes_enqueue_concurrently(db):
    processes = [subprocess.Popen([sys.executable, "-c", _WRITER, db.url, str(step)], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for step in (1, 7, 13)]
    outputs = [p.communicate(timeout=120) for p in processes]
    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err
    assert sum(int(out) for out, _ in outputs) == 120
    assert queue.queue_counts(db) == {"queued": 120}
    assert queue.record_event(db, "Ev0") is False
    assert queue.record_event(db, "Ev60") is True


def test_record_event_and_prune(db):
    assert queue.record_event(db, "Ev1") is True
    assert queue.record_event(db, "Ev1") is False
    assert queue.prune_events(db, older_than=timedelta(hours=1), now=utcnow() + timedelta(hours=2)) == 1
    assert queue.record_event(db, "Ev1") is True


def test_claim_takes_due_jobs_in_order_and_counts_attempts(db):
    now = utcnow()
    ids = enqueue(db, urls=[f"https://example.org/{n}" for n in range(3)], now=now)
    claimed = queue.claim_jobs(db, worker_id="w1", limit=2, lease_seconds=20, now=now)
    assert [j.id for j in claimed] == ids[:2]
    assert all(j.state == "working" and j.attempts == 1 for j in claimed)
    assert [j.id for j in queue.claim_jobs(db, worker_id="w2", limit=5, lease_seconds=20, now=now)] == ids[2:]
    assert queue.claim_jobs(db, worker_id="w3", limit=5, lease_seconds=20, now=now) == []
    assert queue.claim_jobs(db, worker_id="w3", limit=0, lease_seconds=20, now=now) == []


def test_jobs_of_a_dead_worker_are_claimed_after_the_lease(db):
    now = utcnow()
    [job_id] = enqueue(db, now=now)
    [job] = queue.claim_jobs(db, worker_id="dead", limit=1, lease_seconds=20, now=now)
    assert queue.claim_jobs(db, worker_id="alive", limit=1, lease_seconds=20, now=now + timedelta(seconds=19)) == []
    [again] = queue.claim_jobs(db, worker_id="alive", limit=1, lease_seconds=20, now=now + timedelta(seconds=21))
    assert again.id == job_id and again.attempts == 2
    # the dead worker, should it wake up, is fenced off
    assert queue.begin_post(db, job_id, worker_id="dead") is False
    assert queue.finish_job(db, job_id, reply_ts="9.9", worker_id="dead") is False
    assert queue.retry_job(db, job_id, "x", 1, worker_id="dead") is False
    assert queue.fail_job(db, job_id, "x", worker_id="dead") is False
    assert queue.attach_brief(db, job_id, Brief(source="s", summary="x"), worker_id="dead", url_key="k") is None
    assert queue.renew_leases(db, [job_id], worker_id="dead", lease_seconds=20) == set()
    assert queue.begin_post(db, job_id, worker_id="alive") is True
    assert queue.finish_job(db, job_id, reply_ts="9.9", worker_id="alive") is True
    done = queue.get_job(db, job_id)
    assert (done.state, done.reply_ts, done.post_started) == ("done", "9.9", True)


def test_renewed_leases_are_not_taken_over(db):
    now = utcnow()
    ids = enqueue(db, urls=["https://example.org/1", "https://example.org/2"], now=now)
    queue.claim_jobs(db, worker_id="w1", limit=2, lease_seconds=20, now=now)
    held = queue.renew_leases(db, ids, worker_id="w1", lease_seconds=20, now=now + timedelta(seconds=15))
    assert held == set(ids)
    assert queue.claim_jobs(db, worker_id="w2", limit=2, lease_seconds=20, now=now + timedelta(seconds=30)) == []
    assert queue.renew_lease(db, ids[0], worker_id="w2", lease_seconds=20) is False


def test_retry_waits_for_its_time(db):
    now = utcnow()
    [job_id] = enqueue(db, now=now)
    queue.claim_jobs(db, worker_id="w", limit=1, lease_seconds=20, now=now)
    assert queue.retry_job(db, job_id, "the page did not load within 10 s", 8, worker_id="w", now=now)
    job = queue.get_job(db, job_id)
    assert (job.state, job.last_error) == ("queued", "the page did not load within 10 s")
    assert queue.claim_jobs(db, worker_id="w", limit=1, lease_seconds=20, now=now + timedelta(seconds=7)) == []
    [again] = queue.claim_jobs(db, worker_id="w", limit=1, lease_seconds=20, now=now + timedelta(seconds=8))
    assert again.attempts == 2


def test_concurrent_claimers_never_share_a_job(db):
    """Several claimers (threads with their own connections; on PostgreSQL: SKIP LOCKED) drain the queue."""
    for n in range(20):
        enqueue(db, message_ts=f"1.{n}", urls=[f"https://example.org/{n}/{k}" for k in range(10)])
    claims: dict[str, list[int]] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def claimer(name: str):
        mine = claims.setdefault(name, [])
        barrier.wait()
        try:
            while True:
                got = queue.claim_jobs(db, worker_id=name, limit=3, lease_seconds=60)
                if not got:
                    return
                mine.extend(j.id for j in got)
                for j in got:
                    assert queue.finish_job(db, j.id, reply_ts="1.0", worker_id=name)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=claimer, args=(f"w{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    every = [job_id for ids in claims.values() for job_id in ids]
    assert len(every) == 200
    assert Counter(every).most_common(1)[0][1] == 1
    assert queue.queue_counts(db) == {"done": 200}
    assert sum(1 for ids in claims.values() if ids) >= 2  # the work was actually shared


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_skip_locked_passes_over_a_locked_job(db):
    """On PostgreSQL a claimer does not wait for rows another claimer's transaction holds."""
    from sqlalchemy import select

    ids = enqueue(db, urls=["https://example.org/1", "https://example.org/2"])
    with db.session() as s:
        s.execute(select(queue.jobs.c.id).where(queue.jobs.c.id == ids[0]).with_for_update())
        started = time.perf_counter()
        got = queue.claim_jobs(db, worker_id="w", limit=2, lease_seconds=20)
        assert [j.id for j in got] == [ids[1]]
        assert time.perf_counter() - started < 8  # a blocked claimer would wait for the lock


def test_deleting_the_message_cancels_its_jobs(db):
    ids = enqueue(db, urls=["https://example.org/1", "https://example.org/2", "https://example.org/3"])
    [first, second] = queue.claim_jobs(db, worker_id="w", limit=2, lease_seconds=20)
    assert queue.finish_job(db, first.id, reply_ts="5.1", worker_id="w")
    assert queue.begin_post(db, second.id, worker_id="w")  # posting when the message is deleted
    replied = queue.cancel_message_jobs(db, "C1", "1700000000.000100")
    assert [(j.id, j.reply_ts) for j in replied] == [(first.id, "5.1")]
    assert {queue.get_job(db, i).state for i in ids} == {"cancelled"}
    # the reply that was in flight is recorded so that it can be deleted, but the job stays cancelled
    assert queue.finish_job(db, second.id, reply_ts="5.2", worker_id="w") is False
    assert queue.get_job(db, second.id).reply_ts == "5.2"
    assert queue.claim_jobs(db, worker_id="w", limit=5, lease_seconds=20) == []
    assert queue.cancel_message_jobs(db, "C1", "nope") == []


def test_find_recent_brief(db):
    now = utcnow()
    [a] = enqueue(db, message_ts="1.1", urls=["https://example.org/story"], now=now)
    assert queue.find_recent_brief(db, "example.org/story", since=now - timedelta(hours=24), channel_id="C1") is None
    [job] = queue.claim_jobs(db, worker_id="w", limit=1, lease_seconds=20, now=now)
    brief = Brief(source=job.url, title="Story", summary="Gist.")
    brief_id = queue.attach_brief(db, job.id, brief, worker_id="w", url_key=job.url_key)
    assert queue.finish_job(db, a, reply_ts="2.1", worker_id="w", now=now)
    since = now - timedelta(hours=24)
    found = queue.find_recent_brief(db, "example.org/story", since=since, channel_id="C1")
    assert found.brief_id == brief_id and found.brief.title == "Story"
    assert found.earlier.id == a and found.earlier.reply_ts == "2.1"
    elsewhere = queue.find_recent_brief(db, "example.org/story", since=since, channel_id="C2")
    assert elsewhere.brief_id == brief_id and elsewhere.earlier is None
    assert queue.find_recent_brief(db, "example.org/story", since=since, channel_id="C1",
                                   exclude_job_id=a).earlier is None
    assert queue.find_recent_brief(db, "example.org/story", since=now + timedelta(seconds=5), channel_id="C1") is None
    assert queue.find_recent_brief(db, "example.org/other", since=since, channel_id="C1") is None


def test_fail_job_records_the_reply(db):
    [job_id] = enqueue(db)
    queue.claim_jobs(db, worker_id="w", limit=1, lease_seconds=20)
    assert queue.fail_job(db, job_id, "page not found", reply_ts="3.3", worker_id="w")
    job = queue.get_job(db, job_id)
    assert (job.state, job.reply_ts, job.last_error) == ("failed", "3.3", "page not found")
    assert job.finished_at is not None


def test_a_claim_survives_a_new_database_object(db):
    """What a restart sees: a fresh engine on the same database finds the unfinished work."""
    now = utcnow()
    [job_id] = enqueue(db, now=now)
    queue.claim_jobs(db, worker_id="before-crash", limit=1, lease_seconds=20, now=now)
    restarted = Database(db.url)
    try:
        [job] = queue.claim_jobs(restarted, worker_id="after", limit=1, lease_seconds=20,
                                 now=now + timedelta(seconds=20.5))
        assert job.id == job_id
    finally:
        restarted.dispose()
