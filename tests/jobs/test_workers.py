"""Link workers end to end below Slack: a real database, real HTTP fetches from a local article
server, the real extraction and heuristic summariser; only the Slack edge is a recording poster.

Crashes are simulated two ways: a BaseException thrown from the poster at the worst moment
(the attempt stops dead, like a kill, leaving the row as a dead process would), and one real
subprocess killed with SIGKILL right after posting.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fakes.patience import patience

from bot.db import jobs as queue
from bot.db.engine import utcnow
from bot.errors import DeliveryError, HTTPError, SourceError
from bot.jobs import workers
from bot.jobs.cpu import ChildError
from bot.jobs.workers import WorkerPool
from bot.models import Brief, Status
from bot.pipeline.fetching import Fetcher
from bot.retry import backoff_delay
from bot.summarizers import make_summarizer

ROOT = Path(__file__).resolve().parents[2]
SEED_HTML = (ROOT / "seeds" / "000_4a877bff2c10e4a4.html").read_text(encoding="utf-8")


# --- the outside world: an article server and a recording Slack edge --------------------------------


class ArticleServer:
    """Serves article pages on 127.0.0.1:<free port>; counts requests per path.

    /story/<n>      the seed article (title made unique by n)
    /missing        404
    /flaky/<k>/<n>  503 for the first k requests, then the article
    /busy           429 with Retry-After: 30
    /down           always 503
    /slow           the article after 2 s
    /report.pdf     a PDF
    """

    def __init__(self):
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                with outer.lock:
                    outer.hits[self.path] = count = outer.hits.get(self.path, 0) + 1
                path = self.path
                if path == "/missing":
                    return self._send(404, "text/html", b"<h1>Not found</h1>")
                if path == "/busy":
                    return self._send(429, "text/html", b"slow down", {"Retry-After": "30"})
                if path == "/down":
                    return self._send(503, "text/html", b"down")
                if path == "/report.pdf":
                    return self._send(200, "application/pdf", b"%PDF-1.4 ...")
                if path.startswith("/flaky/"):
                    failures = int(path.split("/")[2])
                    if count <= failures:
                        return self._send(503, "text/html", b"try later")
                if path == "/slow":
                    time.sleep(2)
                page = SEED_HTML.replace("Seoul declines Ukrainian request", f"Seoul declines request {path}", 1)
                return self._send(200, "text/html; charset=utf-8", page.encode())

            def _send(self, status, content_type, body, headers=None):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class SimulatedCrash(BaseException):
    """Stops an attempt dead (not an Exception: the worker must not catch it)."""


class RecordingPoster:
    """The Slack edge: records each reply in per-thread lists, as Slack would hold them, tagged with
    the job id (the message metadata). `fail_next` / `crash_*` inject Slack errors and crashes."""

    def __init__(self):
        self.messages: list[dict] = []  # what is in the threads
        self.calls: list[tuple[str, int]] = []
        self.fail_next: list[Exception] = []
        self.crash_after_post = False
        self.crash_before_post = False
        self.on_started = None
        self.on_post = None
        self.lock = threading.Lock()

    def _post(self, job, kind, **data) -> str:
        with self.lock:
            self.calls.append((kind, job.id))
            if self.fail_next:
                raise self.fail_next.pop(0)
            if self.crash_before_post:
                self.crash_before_post = False
                raise SimulatedCrash()
            if self.on_post:
                self.on_post(job)
            ts = f"9000.{len(self.messages) + 1:06d}"
            self.messages.append({"ts": ts, "channel": job.channel_id, "thread_ts": job.thread_ts, "kind": kind,
                                  "metadata": {"event_type": workers.JOB_EVENT_TYPE, "event_payload": {"job_id": job.id}},
                                  **data})
            if self.crash_after_post:
                self.crash_after_post = False
                raise SimulatedCrash()
            return ts

    def started(self, job):
        self.calls.append(("started", job.id))
        if self.on_started:
            self.on_started(job)

    def finished(self, job):
        self.calls.append(("finished", job.id))

    def post_brief(self, job, brief: Brief):
        return self._post(job, "brief", brief=brief)

    def post_earlier(self, job, earlier):
        return self._post(job, "earlier", earlier_id=earlier.id, earlier_reply=earlier.reply_ts)

    def post_failure(self, job, error: SourceError):
        return self._post(job, "failure", error=error)

    def already_posted(self, job):
        self.calls.append(("already_posted", job.id))
        for message in self.messages:
            if (message["channel"], message["thread_ts"]) == (job.channel_id, job.thread_ts) and \
                    message["metadata"]["event_payload"]["job_id"] == job.id:
                return message["ts"]
        return None

    def delete_message(self, channel, ts):
        self.calls.append(("delete", ts))
        self.messages = [m for m in self.messages if m["ts"] != ts]
        return True

    def posts(self, kind=None, job_id=None):
        return [m for m in self.messages if (kind is None or m["kind"] == kind)
                and (job_id is None or m["metadata"]["event_payload"]["job_id"] == job_id)]


class Clock:
    """A settable clock: tests move time instead of sleeping through backoffs and leases."""

    def __init__(self):
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def site():
    server = ArticleServer()
    yield server
    server.close()


@pytest.fixture
def env(db, settings, site):
    """A pool wired to the real database, fetcher and summariser; CPU work in-thread (fast tests)."""
    made = []

    class Env:
        def __init__(self):
            self.db, self.site, self.clock, self.poster = db, site, Clock(), RecordingPoster()
            self.settings = settings(database_url=db.url, fetch_timeout=5, job_max_attempts=3, worker_count=2)
            self.fetcher = Fetcher(self.settings)
            self.summarizer = make_summarizer(self.settings)

        def pool(self, **kw) -> WorkerPool:
            kw.setdefault("cpu_processes", 0)
            kw.setdefault("clock", self.clock)
            pool = WorkerPool(self.settings, self.db, summarizer=self.summarizer, fetcher=self.fetcher,
                              poster=self.poster, **kw)
            made.append(pool)
            return pool

        def share(self, *paths, channel="C1", message_ts=None, fresh=False):
            message_ts = message_ts or f"1700.{len(queue.queue_counts(self.db)) + time.perf_counter_ns() % 10**6}"
            return queue.enqueue_links(self.db, team_id="T1", channel_id=channel, message_ts=message_ts,
                                       thread_ts=message_ts, user_id="U1", urls=[site.url(p) for p in paths],
                                       fresh=fresh, now=self.clock())

    e = Env()
    yield e
    for pool in made:
        pool.stop(1)
    e.fetcher.close()


# --- the happy path ------------------------------------------------------------------------------


def test_a_link_gets_one_brief_in_its_thread(env):
    [job_id] = env.share("/story/1", message_ts="1700.000100")
    assert env.pool().run_once() == 1
    [post] = env.poster.posts()
    assert post["kind"] == "brief" and post["thread_ts"] == "1700.000100"
    brief: Brief = post["brief"]
    assert brief.source == env.site.url("/story/1")
    assert brief.status is Status.DECLINED and brief.summarizer == "heuristic"
    assert "Ukraine" in (brief.requester or "")
    job = queue.get_job(env.db, job_id)
    assert (job.state, job.reply_ts, job.attempts) == ("done", post["ts"], 1)
    assert queue.find_recent_brief(env.db, job.url_key, since=env.clock() - timedelta(hours=1),
                                   channel_id="C1").brief.title == brief.title
    assert env.poster.calls[0] == ("started", job_id) and env.poster.calls[-1] == ("finished", job_id)
    assert env.pool().run_once() == 0


def test_a_dead_link_gets_one_line_saying_why(env):
    [job_id] = env.share("/missing")
    env.pool().run_once()
    [post] = env.poster.posts()
    assert post["kind"] == "failure" and isinstance(post["error"], HTTPError)
    assert "404" in str(post["error"])
    job = queue.get_job(env.db, job_id)
    assert job.state == "failed" and job.reply_ts == post["ts"] and "404" in job.last_error
    assert env.site.hits["/missing"] == 1  # a 404 is not retried


def test_a_damaged_pdf_gets_a_reason(env):
    env.share("/report.pdf")
    env.pool().run_once()
    [post] = env.poster.posts()
    assert post["error"].kind == "failed" and "PDF" in str(post["error"])


# --- retries -------------------------------------------------------------------------------------


def test_transient_failures_retry_with_backoff_then_succeed(env):
    [job_id] = env.share("/flaky/2/a")
    pool = env.pool()
    assert pool.run_once() == 1
    job = queue.get_job(env.db, job_id)
    assert job.state == "queued" and "503" in job.last_error and env.poster.posts() == []
    assert pool.run_once() == 0  # not due yet
    env.clock.advance(3)  # first backoff ≈ 2 s ± 20 %
    assert pool.run_once() == 1
    assert pool.run_once() == 0
    env.clock.advance(5)  # second ≈ 4 s
    assert pool.run_once() == 1
    [post] = env.poster.posts()
    assert post["kind"] == "brief"
    assert queue.get_job(env.db, job_id).state == "done"
    assert env.site.hits["/flaky/2/a"] == 3


def test_transient_failures_give_up_after_the_last_attempt(env):
    [job_id] = env.share("/down")
    pool = env.pool()
    for _ in range(10):
        pool.run_once()
        env.clock.advance(200)
    [post] = env.poster.posts()
    assert post["kind"] == "failure" and "503" in str(post["error"])
    assert env.site.hits["/down"] == env.settings.job_max_attempts
    assert queue.get_job(env.db, job_id).state == "failed"


def test_retry_after_is_honoured(env):
    [job_id] = env.share("/busy")
    env.pool().run_once()
    env.clock.advance(29)
    assert env.pool().run_once() == 0
    env.clock.advance(2)
    assert env.pool().run_once() == 1
    assert queue.get_job(env.db, job_id).attempts == 2


def test_backoff_delay_grows_with_jitter_and_a_cap():
    import random

    rng = random.Random(1)
    limits = dict(base=workers.BACKOFF_BASE_SECONDS, cap=workers.BACKOFF_CAP_SECONDS,
                  retry_after_cap=workers.RETRY_AFTER_CAP_SECONDS, rng=rng)  # what the workers pass
    delays = [backoff_delay(n, **limits) for n in range(1, 6)]
    for n, delay in enumerate(delays, start=1):
        assert 0.8 * 2 ** n <= delay <= 1.2 * 2 ** n
    assert backoff_delay(30, **limits) <= workers.BACKOFF_CAP_SECONDS * 1.2
    assert backoff_delay(1, retry_after=45, **limits) == 45
    assert backoff_delay(1, retry_after=10**6, **limits) == workers.RETRY_AFTER_CAP_SECONDS


def test_slack_hiccups_are_retried_and_posted_once(env):
    env.poster.fail_next = [DeliveryError("Slack chat.postMessage failed: timeout", permanent=False)]
    [job_id] = env.share("/story/2")
    pool = env.pool()
    pool.run_once()
    assert queue.get_job(env.db, job_id).state == "queued"
    env.clock.advance(5)
    pool.run_once()
    assert len(env.poster.posts()) == 1
    assert ("already_posted", job_id) in env.poster.calls  # the failed post might have gone through
    assert env.site.hits["/story/2"] == 1  # the stored brief was reused, not fetched again
    assert queue.get_job(env.db, job_id).state == "done"


def test_slack_refusing_for_good_fails_the_job_quietly(env):
    env.poster.fail_next = [DeliveryError("Slack refused chat.postMessage: not_in_channel", permanent=True,
                                          code="not_in_channel")]
    [job_id] = env.share("/story/3")
    env.pool().run_once()
    job = queue.get_job(env.db, job_id)
    assert job.state == "failed" and "not_in_channel" in job.last_error
    assert env.poster.posts() == []


def test_an_unexpected_error_is_retried_then_reported(env):
    class Broken:
        name = "broken"

        def summarize(self, article):
            raise RuntimeError("bug")

    env.summarizer = Broken()
    [job_id] = env.share("/story/4")
    pool = env.pool()
    for _ in range(5):
        pool.run_once()
        env.clock.advance(200)
    [post] = env.poster.posts()
    assert post["kind"] == "failure" and "went wrong" in str(post["error"])
    assert queue.get_job(env.db, job_id).state == "failed"


# --- reuse ---------------------------------------------------------------------------------------


def test_reuse_within_the_window(env):
    pool = env.pool()
    [first] = env.share("/story/5", channel="C1")
    pool.run_once()
    # the same page again (spelled differently) in the same channel: a link to the earlier thread
    [again] = queue.enqueue_links(env.db, team_id="T1", channel_id="C1", message_ts="1800.1", thread_ts="1800.1",
                                  user_id="U2", urls=[env.site.url("/story/5?utm_source=newsletter")],
                                  now=env.clock())
    pool.run_once()
    earlier = env.poster.posts(job_id=again)[0]
    assert earlier["kind"] == "earlier" and earlier["earlier_id"] == first
    assert earlier["earlier_reply"] == queue.get_job(env.db, first).reply_ts
    # another channel: the stored brief, posted again, without fetching
    [other] = env.share("/story/5", channel="C2")
    pool.run_once()
    assert env.poster.posts(job_id=other)[0]["kind"] == "brief"
    assert env.site.hits["/story/5"] == 1
    assert queue.get_job(env.db, other).brief_id == queue.get_job(env.db, first).brief_id
    # `summarize URL` always fetches afresh
    [fresh] = env.share("/story/5", channel="C1", fresh=True)
    pool.run_once()
    assert env.poster.posts(job_id=fresh)[0]["kind"] == "brief"
    assert env.site.hits["/story/5"] == 2
    # after the window, a new fetch
    env.clock.advance(25 * 3600)
    [late] = env.share("/story/5", channel="C1")
    pool.run_once()
    assert env.poster.posts(job_id=late)[0]["kind"] == "brief"
    assert env.site.hits["/story/5"] == 3


# --- crashes -------------------------------------------------------------------------------------


def test_a_crash_between_posting_and_recording_does_not_post_twice(env):
    env.poster.crash_after_post = True
    [job_id] = env.share("/story/6")
    with pytest.raises(SimulatedCrash):
        env.pool().run_once()
    stuck = queue.get_job(env.db, job_id)
    assert stuck.state == "working" and stuck.post_started and stuck.reply_ts is None
    restarted = env.pool()  # a new process: new worker id
    assert restarted.run_once() == 0  # the dead worker's lease still holds
    env.clock.advance(env.settings.job_lease_seconds + 1)
    assert restarted.run_once() == 1
    [post] = env.poster.posts()
    job = queue.get_job(env.db, job_id)
    assert (job.state, job.reply_ts) == ("done", post["ts"])
    assert env.site.hits["/story/6"] == 1


def test_a_crash_before_slack_got_the_post_posts_it_on_recovery(env):
    env.poster.crash_before_post = True
    [job_id] = env.share("/story/7")
    with pytest.raises(SimulatedCrash):
        env.pool().run_once()
    env.clock.advance(env.settings.job_lease_seconds + 1)
    env.pool().run_once()
    [post] = env.poster.posts()
    assert queue.get_job(env.db, job_id).reply_ts == post["ts"]
    assert env.site.hits["/story/7"] == 1  # the brief stored before the crash was posted


def test_a_crash_while_fetching_resumes_after_the_lease(env):
    def crash(job):
        env.poster.on_started = None
        raise SimulatedCrash()

    env.poster.on_started = crash
    [job_id] = env.share("/story/8")
    with pytest.raises(SimulatedCrash):
        env.pool().run_once()
    assert not queue.get_job(env.db, job_id).post_started
    env.clock.advance(env.settings.job_lease_seconds + 1)
    env.pool().run_once()
    assert len(env.poster.posts()) == 1
    assert ("already_posted", job_id) not in env.poster.calls  # nothing could have been posted


def test_a_job_that_kills_its_worker_every_time_is_reported(env):
    [job_id] = env.share("/story/9")
    for n in range(env.settings.job_max_attempts):
        queue.claim_jobs(env.db, worker_id=f"dead-{n}", limit=1, lease_seconds=20, now=env.clock())
        env.clock.advance(21)
    env.pool().run_once()
    [post] = env.poster.posts()
    assert post["kind"] == "failure" and "interrupted" in str(post["error"])
    assert queue.get_job(env.db, job_id).state == "failed"


def test_a_worker_that_lost_its_lease_does_not_post(env):
    pool = env.pool()

    def taken_over(job):
        env.clock.advance(env.settings.job_lease_seconds + 1)
        assert queue.claim_jobs(env.db, worker_id="other", limit=1, lease_seconds=60, now=env.clock())

    env.poster.on_started = taken_over
    [job_id] = env.share("/story/10")
    pool.run_once()
    assert env.poster.posts() == []
    job = queue.get_job(env.db, job_id)
    assert job.state == "working" and job.brief_id is None


def test_a_message_deleted_while_working_gets_no_reply(env):
    [job_id] = env.share("/story/11", message_ts="1700.5")
    env.poster.on_started = lambda job: queue.cancel_message_jobs(env.db, "C1", "1700.5")
    env.pool().run_once()
    assert env.poster.posts() == []
    assert queue.get_job(env.db, job_id).state == "cancelled"


def test_a_message_deleted_while_posting_loses_its_reply_again(env):
    [job_id] = env.share("/story/12", message_ts="1700.6")
    env.poster.on_post = lambda job: queue.cancel_message_jobs(env.db, "C1", "1700.6")
    env.pool().run_once()
    assert env.poster.posts() == []  # posted, then deleted
    assert any(call[0] == "delete" for call in env.poster.calls)
    assert queue.get_job(env.db, job_id).state == "cancelled"


# --- the threaded pool ---------------------------------------------------------------------------


def wait_for(predicate, timeout=30.0, interval=0.05):
    deadline = time.monotonic() + patience(timeout)
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def test_the_pool_works_through_a_burst_in_threads_and_processes(env):
    """Real threads and the real process pool (spawned once), woken by notify()."""
    pool = env.pool(clock=None, cpu_processes=1)
    pool.start()
    ids = []
    for n in range(8):
        ids += queue.enqueue_links(env.db, team_id="T1", channel_id=f"C{n % 3}", message_ts=f"1.{n}",
                                   thread_ts=f"1.{n}", user_id="U1", urls=[env.site.url(f"/story/b{n}")])
        pool.notify()
    assert wait_for(lambda: queue.queue_counts(env.db) == {"done": 8}, timeout=60), queue.queue_counts(env.db)
    assert sorted(m["metadata"]["event_payload"]["job_id"] for m in env.poster.posts("brief")) == ids
    assert all(m["brief"].status is Status.DECLINED for m in env.poster.posts())
    pool.stop(5)


def test_the_pool_picks_up_jobs_without_notify_by_polling(env):
    pool = env.pool(clock=None)
    pool.start()
    [job_id] = queue.enqueue_links(env.db, team_id="T1", channel_id="C1", message_ts="2.1", thread_ts="2.1",
                                   user_id="U1", urls=[env.site.url("/story/poll")])
    assert wait_for(lambda: queue.get_job(env.db, job_id).state == "done", timeout=10)
    pool.stop(5)


def test_stop_hands_unfinished_jobs_back(env):
    pool = env.pool(clock=None)
    pool.start()
    [job_id] = queue.enqueue_links(env.db, team_id="T1", channel_id="C1", message_ts="3.1", thread_ts="3.1",
                                   user_id="U1", urls=[env.site.url("/slow")])
    pool.notify()
    assert wait_for(lambda: queue.get_job(env.db, job_id).state == "working", timeout=10)
    pool.stop(0.2)
    job = queue.get_job(env.db, job_id)
    assert (job.state, job.attempts) == ("queued", 0)
    time.sleep(2.5)  # the abandoned attempt finishes its fetch and must not post
    assert env.poster.posts() == []
    other = env.pool(clock=None)
    assert other.run_once() == 1
    assert len(env.poster.posts()) == 1


def test_leases_are_renewed_while_a_job_runs(env):
    settings = env.settings.model_copy(update={"job_lease_seconds": 1})  # below the setting's floor, on purpose
    pool = WorkerPool(settings, env.db, summarizer=env.summarizer, fetcher=env.fetcher, poster=env.poster,
                      cpu_processes=0)
    pool.start()
    [job_id] = queue.enqueue_links(env.db, team_id="T1", channel_id="C1", message_ts="4.1", thread_ts="4.1",
                                   user_id="U1", urls=[env.site.url("/slow")])
    pool.notify()
    assert wait_for(lambda: queue.get_job(env.db, job_id).state == "working", timeout=10)
    time.sleep(1.3)
    assert queue.claim_jobs(env.db, worker_id="thief", limit=1, lease_seconds=20) == []
    assert wait_for(lambda: queue.get_job(env.db, job_id).state == "done", timeout=10)
    assert len(env.poster.posts()) == 1
    pool.stop(2)


# --- a real crash: SIGKILL right after the post --------------------------------------------------

_CRASHING_WORKER = """
import json, os, signal, sys, time
from bot.config import Settings
from bot.pipeline.fetching import Fetcher
from bot.db.engine import Database
from bot.summarizers import make_summarizer
from bot.jobs.workers import WorkerPool, JOB_EVENT_TYPE

db_url, thread_file = sys.argv[1], sys.argv[2]
kill = sys.argv[3] == "kill"
settings = Settings(_env_file=None, database_url=db_url, fetch_allow_private=True, job_lease_seconds=5)

class FilePoster:
    # the "Slack thread" is a file of JSON lines, shared with the test
    def _post(self, job, kind):
        with open(thread_file, "a") as f:
            f.write(json.dumps({"job_id": job.id, "kind": kind, "pid": os.getpid()}) + "\\n")
            f.flush(); os.fsync(f.fileno())
        if kill:
            os.kill(os.getpid(), signal.SIGKILL)
        return "9000.%06d" % job.id
    def started(self, job): pass
    def finished(self, job): pass
    def post_brief(self, job, brief): return self._post(job, "brief")
    def post_earlier(self, job, earlier): return self._post(job, "earlier")
    def post_failure(self, job, error): return self._post(job, "failure")
    def already_posted(self, job):
        try:
            lines = open(thread_file).read().splitlines()
        except FileNotFoundError:
            return None
        return next(("9000.%06d" % job.id for l in lines if json.loads(l)["job_id"] == job.id), None)

db = Database(db_url)
db.upgrade()
pool = WorkerPool(settings, db, summarizer=make_summarizer(settings), fetcher=Fetcher(settings), poster=FilePoster(),
                  cpu_processes=int(sys.argv[4]))
if pool._cpu is not None:
    print("child", pool._cpu.warm_up()[0].result(timeout=60), flush=True)
pool.start()
time.sleep(120)
"""


@pytest.mark.slow
def test_sigkill_after_posting_then_restart_records_it_without_a_second_post(env, tmp_path):
    thread_file = tmp_path / "thread.jsonl"
    [job_id] = queue.enqueue_links(env.db, team_id="T1", channel_id="C1", message_ts="5.1", thread_ts="5.1",
                                   user_id="U1", urls=[env.site.url("/story/kill")])
    crashing = subprocess.run([sys.executable, "-c", _CRASHING_WORKER, env.db.url, str(thread_file), "kill", "1"],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert crashing.returncode == -signal.SIGKILL, crashing.stderr
    assert queue.get_job(env.db, job_id).state == "working"
    # the killed process's CPU pool child does not linger as an orphan
    child = int(crashing.stdout.split()[1])
    assert wait_for(lambda: not _alive(child), timeout=10)
    restarted_at = time.monotonic()
    survivor = subprocess.Popen([sys.executable, "-c", _CRASHING_WORKER, env.db.url, str(thread_file), "keep", "0"],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: queue.get_job(env.db, job_id).state == "done", timeout=30)
        took = time.monotonic() - restarted_at
    finally:
        os.kill(survivor.pid, signal.SIGTERM)
        survivor.communicate(timeout=30)
    lines = [json.loads(line) for line in thread_file.read_text().splitlines()]
    assert [line["job_id"] for line in lines] == [job_id]  # one reply, from the killed process
    assert queue.get_job(env.db, job_id).reply_ts == f"9000.{job_id:06d}"
    assert took < 30  # lease (5 s) + poll + two process start-ups, on a loaded machine too


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


def test_a_broken_cpu_pool_is_replaced_and_finally_bypassed(site, settings):
    """Children killed under the pool (OOM killer): the attempt is transient; after three breaks
    in a row the work runs in threads instead of failing every link."""
    from bot.errors import Failed

    pool = workers._CpuPool(1, make_summarizer(settings()))
    page = Fetcher(settings()).fetch(site.url("/story/cpu"))
    try:
        assert isinstance(pool.run(site.url("/story/cpu"), page), Brief)
        for _ in range(workers.MAX_POOL_BREAKS):
            os.kill(pool.warm_up()[0].result(timeout=60), signal.SIGKILL)
            with pytest.raises(Failed) as raised:
                pool.run(site.url("/story/cpu"), page)
            assert raised.value.transient
        assert pool.disabled
        assert pool.run(site.url("/story/cpu"), page) is None
    finally:
        pool.shutdown()


# --- helpers -------------------------------------------------------------------------------------


def test_source_errors_survive_the_process_boundary():
    from bot.errors import FetchTimeout, UnsupportedContent

    for error in (HTTPError(503, retry_after=7), FetchTimeout(10), UnsupportedContent("application/pdf")):
        child = ChildError(type(error).__name__, str(error), dict(error.__dict__))
        rebuilt = child.rebuild()
        assert type(rebuilt) is type(error) and str(rebuilt) == str(error)
        assert rebuilt.transient == error.transient and rebuilt.kind == error.kind
    assert ChildError("HTTPError", "x", {}).rebuild().__class__ is HTTPError
    assert isinstance(ChildError("NoSuchError", "x", {}).rebuild(), SourceError)


def test_a_cpu_child_loads_no_database_slack_or_http_client(site, settings):
    """The child imports bot.jobs.cpu and the pipeline only: its start-up and memory stay small."""
    from fakes.child_probe import heavy_modules

    pool = workers._CpuPool(1, make_summarizer(settings()))
    try:
        page = Fetcher(settings()).fetch(site.url("/story/cpu"))
        assert isinstance(pool.run(site.url("/story/cpu"), page), Brief)  # a real page, through the child
        assert pool._pool().submit(heavy_modules).result(timeout=60) == []
    finally:
        pool.shutdown()


def test_stopping_the_cpu_pool_closes_its_wakeup_before_the_interpreter_exits(site, settings):
    """Python 3.11's exit handler writes to each executor's wake-up pipe unless it is marked closed;
    closing it from the executor's own thread at the same moment gave EBADF and a traceback at exit.
    Stopping waits for that thread, so the pipe is closed (and marked so) before exit."""
    pool = workers._CpuPool(1, make_summarizer(settings()))
    page = Fetcher(settings()).fetch(site.url("/story/cpu"))
    assert isinstance(pool.run(site.url("/story/cpu"), page), Brief)
    executor = pool._executor
    manager, wakeup = executor._executor_manager_thread, executor._executor_manager_thread_wakeup
    pool.shutdown()
    assert not manager.is_alive()
    assert wakeup._closed  # the exit handler skips a closed wake-up


def test_a_slow_child_start_up_does_not_count_against_the_first_pages_deadline(site, settings):
    """Spawning and importing take seconds on a loaded host; the 1 s deadline is for the page alone."""
    from fakes.slow_summarizer import SlowToStart

    pool = workers._CpuPool(1, SlowToStart(), task_timeout=1.0)  # each child needs 3 s to start
    try:
        page = Fetcher(settings()).fetch(site.url("/story/cpu"))
        assert isinstance(pool.run(site.url("/story/cpu"), page), Brief)
    finally:
        pool.shutdown()


def test_children_that_never_start_are_a_transient_failure_then_threads(site, settings, monkeypatch):
    from fakes.slow_summarizer import SlowToStart

    from bot.errors import Failed

    monkeypatch.setattr(workers, "STARTUP_SECONDS", 0.5)  # children need 3 s: they never start in time
    pool = workers._CpuPool(1, SlowToStart(), task_timeout=1.0)
    page = Fetcher(settings()).fetch(site.url("/story/cpu"))
    try:
        for _ in range(workers.MAX_POOL_BREAKS):
            with pytest.raises(Failed) as raised:
                pool.run(site.url("/story/cpu"), page)
            assert raised.value.transient
        assert pool.disabled and pool.run(site.url("/story/cpu"), page) is None  # the caller uses a thread
    finally:
        pool.shutdown()


def test_a_pool_shut_down_under_a_waiting_page_is_no_crash(site, settings):
    """stop() (or another page's deadline) cancels what waits on the old pool: the page gets a
    transient failure or a fresh pool, never a CancelledError or RuntimeError."""
    from fakes.slow_summarizer import SlowToStart

    from bot.errors import Failed

    pool = workers._CpuPool(2, SlowToStart(), task_timeout=5.0)
    page = Fetcher(settings()).fetch(site.url("/story/cpu"))
    outcome: list = []

    def run():
        try:
            outcome.append(pool.run(site.url("/story/cpu"), page))
        except Failed as error:
            outcome.append(error)
        except BaseException as error:  # noqa: BLE001 - what the test is about
            outcome.append(("escaped", error))

    pool.warm_up()
    thread = threading.Thread(target=run)
    started = time.monotonic()
    thread.start()
    time.sleep(0.3)
    pool.shutdown()
    thread.join(patience(30))
    pool.shutdown()
    assert time.monotonic() - started < workers.STARTUP_SECONDS / 2  # not held for the start-up deadline
    assert len(outcome) == 1
    assert isinstance(outcome[0], Brief) or (isinstance(outcome[0], Failed) and outcome[0].transient), outcome


def test_the_command_lines_main_module_is_light_for_spawned_children():
    """Started as the `verdict` script, spawn re-imports bot.__main__ in every CPU child."""
    code = "import sys, bot.__main__; print([m for m in ('sqlalchemy', 'pydantic_settings', 'httpx') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr
