"""Link workers: claim jobs, fetch → extract → summarise → store → post, durably.

    pool = WorkerPool(settings, db, summarizer=make_summarizer(settings), fetcher=Fetcher(settings),
                      poster=SlackPoster(client))
    pool.start()          # resumes unfinished jobs of earlier runs, then follows the queue
    pool.notify()         # after enqueue_links: start now instead of at the next poll (≤ 1 s)
    pool.stop(10)         # finish or hand back the jobs in hand
    pool.run_once()       # tests: claim and process the due jobs in this thread; returns how many

How a job runs (one claim = one attempt; `bot.db.jobs` fences every step on the claim):

    claimed ─▶ (post_started? look for our reply in the thread first) ─▶ brief stored on the job?
       ─▶ reuse window: a brief of this page in the last REUSE_WINDOW_HOURS → link to the earlier
          thread (same channel) or repost it (other channel) ─▶ else fetch (thread) → extract and
          summarise (process pool) → store ─▶ begin_post ─▶ post ─▶ finish_job (reply ts)

Never lost: the job row is committed before Slack gets its ack; a worker that dies leaves a lease
that runs out (JOB_LEASE_SECONDS, 20 s; renewed every third of it while alive), and any process
then takes the job over — within lease + poll interval of the restart, well under 30 s. A clean
stop hands jobs back at once.

Never twice: the brief is stored on the job before posting, so a retry posts that brief without
fetching again; `begin_post` records that a reply may exist *before* the post, and every reply
carries Slack metadata with the job id (JOB_EVENT_TYPE). A later attempt of a job that got that
far asks the poster (`already_posted`) for a reply tagged with its id before posting, so a crash
between "posted" and "recorded" does not post again.

Failures: transient ones (timeouts, 5xx, 429, connection errors; Slack hiccups) retry with
exponential backoff and jitter, honouring Retry-After, up to JOB_MAX_ATTEMPTS attempts; then,
and for permanent ones at once, the user gets one line saying why. Slack refusing for good
(`not_in_channel`, `invalid_auth` …) fails the job quietly, logged.

Pace: a post its channel can't take yet (about one a second per channel) goes to the posting queue
(bot.jobs.posting) with the channel's due time, and the worker thread moves on; claims take every
channel's first link before any channel's second, and skip channels with CHANNEL_SHARE jobs in hand.
A post whose connection broke after sending is retried only after POST_SETTLE_SECONDS, and only if
`already_posted` doesn't find it.

CPU: extraction and the heuristic summariser are Python work that holds the GIL. Four threads of
pure-Python work pushed a simulated ack's p50 from 2 ms to ~150 ms, so by
default they run in a small process pool (spawn; cores − 1, at least one; children exit with
their parent) and only I/O stays in threads. `cpu_processes=0` keeps everything in threads.
The child imports only what reading a page needs (bot.jobs.cpu). Each page gets CPU_TASK_TIMEOUT
seconds there, counted once the child is up; past it the pool's processes are killed and restarted and that link fails for good
with one line. The summariser gets bounded text (bot.pipeline.bounds).
An error in the pipeline that is no SourceError fails the link for good too, logged once.

Acks first: the web process's acks and these threads share one GIL. Before each step (a claim, a
job's start, storing a brief, a post) a worker waits while Slack requests are in hand, at most
ACK_GATE_WAIT_SECONDS (bot.jobs.intake.AckGate): in a burst the workers held half of the GIL.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import pickle
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures import wait as futures_wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from bot.config import Settings
from bot.db import jobs as queue
from bot.db.engine import Database, load_brief, utcnow
from bot.db.jobs import JobView, new_worker_id
from bot.errors import DeliveryError, Failed, SourceError
from bot.jobs.cpu import ChildError, article_of, child_init, child_ready, child_work
from bot.jobs.intake import AckGate
from bot.jobs.posting import PostingQueue
from bot.memory import LARGE_PAGE_CHARS, trim_heap
from bot.models import Article, Brief
from bot.pipeline.bounds import bound_article
from bot.retry import backoff_delay

logger = logging.getLogger(__name__)

# Slack message metadata on every reply to a link: {"event_type": JOB_EVENT_TYPE, "event_payload": {"job_id": n}}
JOB_EVENT_TYPE = "verdict_link_job"

STARTUP_SECONDS = 120  # a spawned CPU child's start-up, before any page's deadline starts
POLL_SECONDS = 1.0  # also how soon a restarted process notices jobs whose lease ran out
BACKOFF_BASE_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 120.0
RETRY_AFTER_CAP_SECONDS = 600.0
MAX_POOL_BREAKS = 3  # consecutive crashed CPU pools before the work falls back to threads
# jobs of one channel in hand (being read or waiting to post) before its other links wait their turn:
# two keep its one-post-a-second pace fed
CHANNEL_SHARE = 2
CANDIDATES = 200  # due jobs looked at per claim when choosing by channel
# after a post whose outcome is unknown (the connection broke), wait this long before looking for it
POST_SETTLE_SECONDS = 30.0  # = bot.slack.retries.POST_SETTLE_SECONDS
# longest a worker step (a claim, a fetch, storing a brief, a post) waits for the acks in hand (AckGate)
ACK_GATE_WAIT_SECONDS = 0.2


class BriefPoster(Protocol):
    """The Slack edge of the workers (bot.slack.client.SlackPoster). Raise DeliveryError when Slack refuses."""

    def started(self, job: JobView) -> None: ...  # progress sign (:eyes:), best effort

    def post_brief(self, job: JobView, brief: Brief) -> str | None: ...  # returns the reply's ts

    def post_earlier(self, job: JobView, earlier: JobView) -> str | None: ...  # link to the earlier thread

    def post_failure(self, job: JobView, error: SourceError) -> str | None: ...  # one line: why not

    def finished(self, job: JobView) -> None: ...  # remove the progress sign, best effort

    def already_posted(self, job: JobView) -> str | None: ...  # ts of our reply tagged with job.id, or None


@dataclass
class _Reply:
    kind: str  # "brief" | "earlier"
    brief_id: int
    brief: Brief | None = None
    earlier: JobView | None = None


@dataclass
class _Active:
    job: JobView
    lost: threading.Event = field(default_factory=threading.Event)
    parked: bool = False  # its post waits in the posting queue for the channel's pace


class WorkerPool:
    """Bounded link workers (settings.worker_count threads) over the durable queue."""

    def __init__(self, settings: Settings, db: Database, *, summarizer, fetcher, poster: BriefPoster,
                 clock: Callable[[], datetime] | None = None, cpu_processes: int | None = None,
                 poll_seconds: float = POLL_SECONDS, worker_id: str | None = None,
                 rng: random.Random | None = None, gate: AckGate | None = None):
        self.settings = settings
        self.db = db
        self.summarizer = summarizer
        self.fetcher = fetcher
        self.poster = poster
        self.clock = clock or utcnow
        self.poll_seconds = poll_seconds
        self.gate = gate  # the web process's acks go first (serve passes the HTTP layer's gate)
        self.worker_id = worker_id or new_worker_id()
        self.size = settings.worker_count
        self.lease_seconds = settings.job_lease_seconds
        self.max_attempts = settings.job_max_attempts
        self._rng = rng or random.Random()
        if cpu_processes is None:
            # leave one core to the ack path and the I/O threads: on 2 cores one child gave the best
            # ack latency at ~80 briefs/s
            cpu_processes = max(1, min(self.size, (os.cpu_count() or 2) - 1))
        self._cpu = _CpuPool(cpu_processes, summarizer, task_timeout=settings.cpu_task_timeout) \
            if cpu_processes > 0 else None
        self._active: dict[int, _Active] = {}
        self._parked: dict[int, _Active] = {}  # posts waiting for their channel's pace (no worker held)
        self._posting: PostingQueue | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._threads: ThreadPoolExecutor | None = None
        self._dispatcher: threading.Thread | None = None
        self._idle = threading.Condition(self._lock)

    # --- lifecycle -------------------------------------------------------------------------------

    def start(self) -> None:
        if self._dispatcher is not None:
            return
        if self._cpu is not None:
            self._cpu.warm_up()
        self._threads = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="verdict-worker")
        pacer = getattr(self.poster, "pacer", None)  # the real poster paces per channel; test fakes don't
        if pacer is not None:
            self._posting = PostingQueue(pacer)
        self._dispatcher = threading.Thread(target=self._dispatch, name="verdict-dispatcher", daemon=True)
        self._dispatcher.start()
        logger.info("link workers started: %d threads, %s CPU processes, lease %ss (worker %s)", self.size,
                    self._cpu.size if self._cpu else "no", self.lease_seconds, self.worker_id)

    def notify(self) -> None:
        """New jobs are queued: claim them now."""
        self._wake.set()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no job is running here; False if some still are after `timeout` s."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._active and time.monotonic() < deadline:
                self._idle.wait(deadline - time.monotonic())
            return not self._active

    def stop(self, timeout: float = 10.0) -> None:
        """Let running jobs finish for up to `timeout` s, hand the others back, stop the threads."""
        self._stopping.set()
        self._wake.set()
        if self._dispatcher is not None:
            self._dispatcher.join(timeout)
        deadline = time.monotonic() + timeout
        with self._idle:
            while (self._active or self._parked) and time.monotonic() < deadline:
                self._idle.wait(deadline - time.monotonic())
        if self._posting is not None:
            self._posting.close(max(deadline - time.monotonic(), 0.1))
        with self._idle:
            left = list(self._active) + list(self._parked)
        if left:
            try:
                released = queue.release_jobs(self.db, left, worker_id=self.worker_id)
                logger.info("handed back %d unfinished jobs", len(released))
            except Exception:
                logger.exception("could not hand back jobs %s; they resume when their lease runs out", left)
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)
        if self._cpu is not None:
            self._cpu.shutdown()
        self._dispatcher = None

    def run_once(self) -> int:
        """Claim the jobs due now (up to worker_count) and process them here; returns how many."""
        jobs = queue.claim_jobs(self.db, worker_id=self.worker_id, limit=self.size,
                                lease_seconds=self.lease_seconds, now=self.clock())
        for job in jobs:
            self._run(_Active(job))
        return len(jobs)

    def drain(self, *, max_rounds: int = 100) -> int:
        """Run `run_once` until nothing is due now (tests drive the pool this way); returns attempts run."""
        total = 0
        for _ in range(max_rounds):
            done = self.run_once()
            if not done:
                break
            total += done
        return total

    # --- the dispatcher ----------------------------------------------------------------------------

    def _dispatch(self) -> None:
        renew_every = self.lease_seconds / 3
        next_renewal = time.monotonic() + renew_every
        next_prune = time.monotonic()
        while not self._stopping.is_set():
            self._wake.clear()
            now_mono = time.monotonic()
            if now_mono >= next_renewal:
                self._renew()
                next_renewal = now_mono + renew_every
            if now_mono >= next_prune:
                self._prune()
                next_prune = now_mono + 3600
            with self._lock:
                free = self.size - len(self._active)
            jobs: list[JobView] = []
            if free > 0:
                self._step_aside()
                try:
                    jobs = self._claim(free)
                except Exception:
                    logger.exception("claiming jobs failed; trying again in %ss", self.poll_seconds)
            assert self._threads is not None  # set by start()
            for job in jobs:
                active = _Active(job)
                with self._lock:
                    self._active[job.id] = active
                self._threads.submit(self._run_tracked, active)
            if len(jobs) < free or free == 0:
                self._wake.wait(min(self.poll_seconds, max(next_renewal - time.monotonic(), 0.01)))

    def _claim(self, free: int) -> list[JobView]:
        """Up to `free` jobs, by channel: while posts wait for a channel's pace, links of other
        channels go first (one claim per job, so one message's five links don't take every worker)."""
        if self._posting is None:
            return queue.claim_jobs(self.db, worker_id=self.worker_id, limit=free,
                                    lease_seconds=self.lease_seconds, now=self.clock())
        now = self.clock()
        candidates = queue.due_jobs(self.db, limit=max(CANDIDATES, free * 50), now=now)  # a read, no lock
        if not candidates:
            return []
        counts = self._in_hand()
        chosen: list[int] = []
        # first the channels with nothing in hand (every channel's first brief comes early), then those
        # with fewer than CHANNEL_SHARE (their next post is ready when the pace allows it)
        for share in (1, CHANNEL_SHARE):
            for job_id, channel in candidates:
                if len(chosen) >= free:
                    break
                if job_id not in chosen and counts.get(channel, 0) < share:
                    chosen.append(job_id)
                    counts[channel] = counts.get(channel, 0) + 1
        return queue.claim_jobs(self.db, worker_id=self.worker_id, limit=len(chosen),
                                lease_seconds=self.lease_seconds, now=now, only_ids=chosen)

    def _in_hand(self) -> dict[str, int]:
        """{channel: jobs being read or waiting to post}."""
        counts: dict[str, int] = dict(self._posting.busy_channels()) if self._posting is not None else {}
        with self._lock:
            for active in self._active.values():
                counts[active.job.channel_id] = counts.get(active.job.channel_id, 0) + 1
        return counts

    def _step_aside(self) -> None:
        """Before a step of background work: let the acks in hand go first (bounded, see AckGate)."""
        if self.gate is not None:
            self.gate.wait_quiet(ACK_GATE_WAIT_SECONDS)

    def _run_tracked(self, active: _Active) -> None:
        try:
            self._step_aside()
            self._run(active)
        finally:
            with self._idle:
                self._active.pop(active.job.id, None)
                if active.parked:
                    self._parked[active.job.id] = active
                self._idle.notify_all()
            self._wake.set()  # a slot is free

    def _renew(self) -> None:
        with self._lock:
            ids = set(self._active) | set(self._parked)
        if not ids:
            return
        try:
            held = queue.renew_leases(self.db, ids, worker_id=self.worker_id, lease_seconds=self.lease_seconds,
                                      now=self.clock())
        except Exception:
            logger.exception("renewing leases failed")
            return
        for job_id in ids - held:
            with self._lock:
                active = self._active.get(job_id) or self._parked.get(job_id)
            if active is not None and not active.lost.is_set():
                current = queue.get_job(self.db, job_id)
                if current is not None and current.state in ("done", "failed"):
                    continue  # it finished while the renewal ran (a post from the posting queue)
                logger.warning("lost the lease of job %s (taken over or cancelled); it will not be posted here",
                               job_id)
                active.lost.set()

    def _prune(self) -> None:
        try:
            queue.prune_events(self.db, now=self.clock())
        except Exception:
            logger.exception("pruning old event ids failed")

    # --- one attempt of one job --------------------------------------------------------------------

    def _run(self, active: _Active) -> None:
        job = active.job
        terminal = False
        try:
            terminal = self._attempt(active)
        except DeliveryError as error:
            terminal = self._delivery_failed(job, error)
        except Exception:
            logger.exception("job %s (%s) crashed on attempt %d", job.id, job.url, job.attempts)
            if job.attempts < self.max_attempts:
                self._retry(job, "internal error", None)
            else:
                terminal = self._safely(self._post_failure, active,
                                        Failed("something went wrong while reading this page"))
        if terminal:
            self._best_effort(self.poster.finished, job)

    def _attempt(self, active: _Active) -> bool:
        """Returns True when the job reached done/failed (so the progress sign comes off)."""
        job = active.job
        if job.post_started:
            found = self._already_posted(job)
            if found is not None:
                return self._record_found_reply(job, found)
        if job.attempts == 1:
            self._best_effort(self.poster.started, job)
        if job.attempts > self.max_attempts:
            # claimed that often without an outcome: the process died on it each time
            return self._post_failure(active, Failed("Verdict was interrupted too often while reading this page"))
        try:
            reply = self._prepare(active)
        except SourceError as error:
            if error.transient and job.attempts < self.max_attempts:
                self._retry(job, str(error), getattr(error, "retry_after", None))
                return False
            return self._post_failure(active, error)
        if reply is None:
            return False
        return self._post(active, reply)

    def _prepare(self, active: _Active) -> _Reply | None:
        job = active.job
        if job.brief_id is not None:  # an earlier attempt made and stored it
            brief = load_brief(self.db, job.brief_id)
            if brief is not None:
                return _Reply("brief", job.brief_id, brief=brief)
        if not job.fresh and self.settings.reuse_window_hours > 0:
            since = self.clock() - timedelta(hours=self.settings.reuse_window_hours)
            recent = queue.find_recent_brief(self.db, job.url_key, since=since, channel_id=job.channel_id,
                                             exclude_job_id=job.id)
            if recent is not None:
                if recent.earlier is not None:
                    return _Reply("earlier", recent.brief_id, earlier=recent.earlier)
                return _Reply("brief", recent.brief_id, brief=recent.brief)
        brief = self._make_brief_or_fail(job)
        if active.lost.is_set():
            return None
        self._step_aside()
        brief_id = queue.attach_brief(self.db, job.id, brief, worker_id=self.worker_id, url_key=job.url_key)
        if brief_id is None:
            logger.info("job %s is no longer ours (cancelled or taken over); dropping its brief", job.id)
            return None
        return _Reply("brief", brief_id, brief=brief)

    def make_brief(self, url: str) -> Brief:
        """Fetch (in this thread) and brief `url` with the workers' CPU process and its deadline; raises
        SourceError. For `/verdict summarize` in the web process: nothing queued, nothing stored."""
        try:
            return self._make_brief(url)
        except SourceError:
            raise
        except Exception:
            logger.exception("briefing %s failed unexpectedly", url)
            raise Failed("something went wrong while reading this page (an error on its side, logged)") from None

    def _make_brief_or_fail(self, job: JobView) -> Brief:
        """`_make_brief`, where an error that is no SourceError (a bug, a codec, a library) is a permanent
        failure of this link: logged once here, answered with one line, never retried (a retry would
        fetch the page and crash the same way again)."""
        try:
            return self._make_brief(job.url)
        except SourceError:
            raise
        except Exception:
            logger.exception("job %s (%s): unexpected error while reading the page; giving up on this link",
                             job.id, job.url)
            raise Failed("something went wrong while reading this page (an error on its side, logged)") from None

    def _make_brief(self, url: str) -> Brief:
        page = self.fetcher.fetch(url)  # I/O: here, in the worker thread
        result = self._cpu.run(url, page) if self._cpu is not None else None
        if isinstance(result, Brief):
            if len(page.text) > LARGE_PAGE_CHARS:
                del page  # the page's text and its pickled copy are garbage now: give the heap back
                trim_heap()
            return result
        if isinstance(result, Article):
            article = result
        else:
            # no CPU process (cpu_processes=0, or it kept breaking): read the page in this thread (the
            # first time loads trafilatura & co. here, which the web process otherwise never needs)
            article = article_of(url, page)
        return self.summarizer.summarize(bound_article(article))  # an LLM is I/O-bound: fine in a thread

    def _post(self, active: _Active, reply: _Reply) -> bool:
        if self._park(active, self._post_now, active, reply):
            return False  # the posting queue finishes the job when the channel is free
        return self._post_now(active, reply)

    def _post_now(self, active: _Active, reply: _Reply) -> bool:
        job = active.job
        self._step_aside()
        if active.lost.is_set() or not queue.begin_post(self.db, job.id, worker_id=self.worker_id,
                                                          brief_id=reply.brief_id, now=self.clock()):
            return False
        if reply.earlier is not None:
            ts = self.poster.post_earlier(job, reply.earlier)
        else:
            assert reply.brief is not None
            ts = self.poster.post_brief(job, reply.brief)
        if queue.finish_job(self.db, job.id, brief_id=reply.brief_id, reply_ts=ts, worker_id=self.worker_id,
                            now=self.clock()):
            return True
        self._retract_if_cancelled(job, ts)
        return False

    def _post_failure(self, active: _Active, error: SourceError) -> bool:
        if self._park(active, self._post_failure_now, active, error):
            return False
        return self._post_failure_now(active, error)

    def _post_failure_now(self, active: _Active, error: SourceError) -> bool:
        job = active.job
        if active.lost.is_set() or not queue.begin_post(self.db, job.id, worker_id=self.worker_id,
                                                          now=self.clock()):
            return False
        ts = self.poster.post_failure(job, error)
        if queue.fail_job(self.db, job.id, f"{error.kind}: {error}", reply_ts=ts, worker_id=self.worker_id,
                          now=self.clock()):
            return True
        self._retract_if_cancelled(job, ts)
        return False

    def _park(self, active: _Active, post, *args) -> bool:
        """Hand the post to the posting queue when its channel is not free yet (True); the worker
        thread is then free for other links. Only from worker threads (not run_once)."""
        if self._posting is None or active.job.id not in self._active or \
                not self._posting.must_wait(active.job.channel_id):
            return False
        active.parked = True
        self._posting.submit(active.job.channel_id, lambda: self._run_parked(active, post, args))
        return True

    def _run_parked(self, active: _Active, post, args: tuple) -> None:
        """In a posting thread, once the channel is free: the rest of the attempt, as `_run` would."""
        job = active.job
        terminal = False
        try:
            terminal = post(*args)
        except DeliveryError as error:
            terminal = self._safely(self._delivery_failed, job, error)
        except Exception:
            logger.exception("job %s (%s): posting crashed on attempt %d", job.id, job.url, job.attempts)
            if job.attempts < self.max_attempts:
                self._retry(job, "internal error", None)
        finally:
            with self._idle:
                # the worker thread may still be unwinding; it files the job under _parked when done
                self._parked.pop(job.id, None)
                active.parked = False
                self._idle.notify_all()
            self._wake.set()
        if terminal:
            self._best_effort(self.poster.finished, job)

    def _already_posted(self, job: JobView) -> str | None:
        check = getattr(self.poster, "already_posted", None)
        if check is None:
            logger.warning("job %s may have been posted before a crash; the poster cannot check", job.id)
            return None
        return check(job)  # DeliveryError → retried later, never a blind second post

    def _record_found_reply(self, job: JobView, ts: str) -> bool:
        logger.info("job %s was already answered (%s) before an interruption; recording it", job.id, ts)
        if job.brief_id is not None:
            return queue.finish_job(self.db, job.id, reply_ts=ts, worker_id=self.worker_id, now=self.clock())
        return queue.fail_job(self.db, job.id, job.last_error or "answered before an interruption", reply_ts=ts,
                              worker_id=self.worker_id, now=self.clock())

    def _retract_if_cancelled(self, job: JobView, ts: str | None) -> None:
        current = queue.get_job(self.db, job.id)
        if ts and current is not None and current.state == "cancelled":
            delete = getattr(self.poster, "delete_message", None)
            if delete is not None:
                logger.info("message of job %s was deleted while we replied; deleting the reply", job.id)
                self._best_effort(delete, job.channel_id, ts)

    def _delivery_failed(self, job: JobView, error: DeliveryError) -> bool:
        if error.permanent:
            logger.warning("job %s: Slack refused for good (%s); skipping it", job.id, error)
            return queue.fail_job(self.db, job.id, f"slack: {error}", worker_id=self.worker_id, now=self.clock())
        if job.attempts < self.max_attempts:
            retry_after = getattr(error, "retry_after", None)
            if error.code == "connection_error":
                # a post may have landed without an answer: give it time to show in the thread, so the
                # next attempt's check for its tag (already_posted) finds it instead of posting again
                retry_after = max(retry_after or 0.0, POST_SETTLE_SECONDS)
            self._retry(job, f"slack: {error}", retry_after)
            return False
        logger.error("job %s: Slack kept failing (%s); giving up", job.id, error)
        return queue.fail_job(self.db, job.id, f"slack: {error}", worker_id=self.worker_id, now=self.clock())

    def _retry(self, job: JobView, reason: str, retry_after: float | None) -> None:
        delay = backoff_delay(job.attempts, base=BACKOFF_BASE_SECONDS, cap=BACKOFF_CAP_SECONDS, retry_after=retry_after,
                              retry_after_cap=RETRY_AFTER_CAP_SECONDS, rng=self._rng)
        logger.info("job %s (%s): %s; attempt %d of %d in %.1f s", job.id, job.url, reason, job.attempts + 1,
                    self.max_attempts, delay)
        try:
            queue.retry_job(self.db, job.id, reason, delay, worker_id=self.worker_id, now=self.clock())
        except Exception:
            logger.exception("could not schedule the retry of job %s; it resumes after its lease", job.id)

    def _safely(self, fn, *args) -> bool:
        try:
            return bool(fn(*args))
        except DeliveryError as error:
            logger.warning("%s failed: %s", getattr(fn, "__name__", fn), error)
        except Exception:
            logger.exception("%s failed", getattr(fn, "__name__", fn))
        return False

    def _best_effort(self, fn, *args) -> None:
        try:
            fn(*args)
        except Exception:  # a reaction that fails must never fail the job
            logger.debug("%s failed", getattr(fn, "__name__", fn), exc_info=True)


# --- CPU work in processes -------------------------------------------------------------------------


def _picklable(value) -> bool:
    try:
        pickle.dumps(value)
        return True
    except Exception:
        return False


SHUTDOWN_JOIN_SECONDS = 5.0  # how long stopping waits for the CPU pool's manager thread to end


class _KilledByDeadline(Exception):
    """The pool this task ran on was killed because of another task's deadline."""


class _CpuPool:
    """Extraction (and a CPU-bound summariser) in `size` spawned processes, started once."""

    def __init__(self, size: int, summarizer, *, task_timeout: float | None = None):
        self.size = size
        self.task_timeout = task_timeout  # None: wait as long as it takes
        self._running = threading.BoundedSemaphore(size)
        # the heuristic summariser is pure CPU: run it next to the extraction; an LLM client stays in threads
        cpu_bound = getattr(summarizer, "cpu_bound", getattr(summarizer, "name", None) == "heuristic")
        self._summarizer = summarizer if cpu_bound and _picklable(summarizer) else None
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._breaks = 0  # consecutive BrokenProcessPool
        self.disabled = False

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                # spawn, not fork: forking a process that runs threads (waitress, Bolt, SQLAlchemy pools)
                # can copy held locks into the child
                self._executor = ProcessPoolExecutor(max_workers=self.size,
                                                     mp_context=multiprocessing.get_context("spawn"),
                                                     initializer=child_init, initargs=(self._summarizer,))
            return self._executor

    def warm_up(self) -> list:
        """Start the children now rather than on the first page; returns futures of their pids."""
        pool = self._pool()
        return [pool.submit(child_ready) for _ in range(self.size)]

    def run(self, source: str, page) -> Brief | Article | None:
        """The child's brief (or article, for an I/O-bound summariser); None when the pool is out of
        service and the caller should do the work in its own thread."""
        if self.disabled:
            return None
        # no more tasks in flight than processes, so a task's deadline runs from its start, not from
        # when it was queued behind other pages (each holder is bounded by that deadline)
        with self._running:
            return self._run_one(source, page)

    def _ready(self, pool: ProcessPoolExecutor) -> None:
        """Wait until the pool's children are up: a fresh pool's start-up (spawning, imports, the
        summariser's tables; seconds on a loaded host) must not count against a page's CPU deadline."""
        if getattr(pool, "_verdict_ready", False):
            return
        futures = [self._submit(pool, child_ready) for _ in range(self.size)]
        deadline = time.monotonic() + STARTUP_SECONDS  # one deadline for all of them
        done, waiting = futures_wait(futures, timeout=0)
        while waiting and time.monotonic() < deadline:
            if self._executor is not pool:  # shut down or replaced meanwhile: its futures may never end
                raise _KilledByDeadline()
            done, waiting = futures_wait(futures, timeout=min(0.25, max(deadline - time.monotonic(), 0)))
        if waiting:
            logger.error("the CPU process did not start within %d s; restarting it", STARTUP_SECONDS)
            self._kill(pool)
            self._count_break()  # a host where children never start ends up doing the work in threads
            error = Failed("the page could not be processed")
            error.transient = True
            raise error
        for future in done:
            self._outcome(pool, future)
        pool._verdict_ready = True  # type: ignore[attr-defined]

    def _submit(self, pool: ProcessPoolExecutor, fn, *args):
        try:
            return pool.submit(fn, *args)
        except RuntimeError:  # "cannot schedule new futures after shutdown": another thread replaced it
            raise _KilledByDeadline() from None

    def _outcome(self, pool: ProcessPoolExecutor, future):
        """A finished future's value; a pool killed or shut down under it is _KilledByDeadline."""
        try:
            return future.result()
        except CancelledError:
            raise _KilledByDeadline() from None
        except BrokenProcessPool:
            if getattr(pool, "_verdict_killed", False):
                raise _KilledByDeadline() from None
            raise

    def _attempt(self, pool: ProcessPoolExecutor, source: str, page):
        self._ready(pool)
        return self._result(pool, self._submit(pool, child_work, source, page), source)

    def _count_break(self) -> None:
        with self._lock:
            self._breaks += 1
            if self._breaks >= MAX_POOL_BREAKS and not self.disabled:
                self.disabled = True
                logger.error("the CPU process pool broke %d times in a row; extracting in threads from now on",
                             self._breaks)

    def _run_one(self, source: str, page) -> Brief | Article | None:
        pool = self._pool()
        try:
            try:
                result = self._attempt(pool, source, page)
            except _KilledByDeadline:
                # another page's deadline (or a shutdown) took the pool from under this one: once more
                # on a fresh pool
                pool = self._pool()
                try:
                    result = self._attempt(pool, source, page)
                except _KilledByDeadline:
                    error = Failed("the page could not be processed")
                    error.transient = True
                    raise error from None
        except BrokenProcessPool:
            # a child died (killed, out of memory): start a fresh pool, count this attempt as transient
            with self._lock:
                mine = self._executor is pool
                if mine:
                    self._executor = None
            if mine:
                self._count_break()
            pool.shutdown(wait=False, cancel_futures=True)
            error = Failed("the page could not be processed")
            error.transient = True
            raise error from None
        self._breaks = 0
        if isinstance(result, ChildError):
            raise result.rebuild()
        return result

    def _result(self, pool: ProcessPoolExecutor, future, source: str):
        """The child's answer within task_timeout; past it, the pool's processes are killed (a Python
        thread in a child cannot be interrupted) and a fresh pool takes the next task."""
        try:
            return future.result(timeout=self.task_timeout)
        except CancelledError:
            raise _KilledByDeadline() from None
        except FuturesTimeout:
            logger.warning("reading %s took over %g s of CPU time; stopping it and restarting the CPU process",
                           source, self.task_timeout)
            self._kill(pool)
            raise Failed(f"the page took too long to process (over {self.task_timeout:g} s)") from None
        except BrokenProcessPool:
            if getattr(pool, "_verdict_killed", False):
                raise _KilledByDeadline() from None
            raise

    def _kill(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            pool._verdict_killed = True  # type: ignore[attr-defined]
            if self._executor is pool:
                self._executor = None
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            try:
                process.kill()
            except (OSError, AttributeError):
                pass
        pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self, timeout: float = SHUTDOWN_JOIN_SECONDS) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            # Python 3.11's executor closes its wake-up pipe from its own manager thread while the
            # interpreter's exit handler may still write to it (EBADF and a traceback at exit): let
            # that thread finish first (shutdown() forgets it, so take it before). The jobs in hand
            # were handed back; a child still busy past the timeout only risks that message.
            manager = getattr(executor, "_executor_manager_thread", None)
            executor.shutdown(wait=False, cancel_futures=True)
            if manager is not None and manager is not threading.current_thread():
                manager.join(timeout)
