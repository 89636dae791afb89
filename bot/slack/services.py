"""Everything a Slack listener may use, built once per process by the composition root (`bot.cli.serve`).

No slack_bolt here: services are plain objects (the database, the Slack poster, the worker pool, the
digester and scheduler, the after-ack pool), so commands, events and Home can be tested without an app.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from bot.config import Settings
from bot.db.engine import Database, set_watched, unwatched_channels
from bot.digests.digester import Digester
from bot.digests.scheduler import DigestScheduler
from bot.jobs.intake import GroupCommit
from bot.jobs.workers import WorkerPool
from bot.pipeline.fetching import Fetcher
from bot.slack.client import SlackPoster
from bot.summarizers import Summarizer

logger = logging.getLogger(__name__)

WATCH_CACHE_SECONDS = 5.0


@dataclass
class Services:
    """The services of one process. `scheduler` is set where this process runs the digest scheduler."""

    settings: Settings
    db: Database
    poster: SlackPoster
    fetcher: Fetcher  # for `/verdict summarize URL`, answered in the web process (ephemeral, nothing queued)
    summarizer: Summarizer
    pool: WorkerPool | None = None
    digester: Digester | None = None
    scheduler: DigestScheduler | None = None
    executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=4, thread_name_prefix="verdict-after-ack"))
    # interactive answers (the "Why?" modal: a trigger_id lives 3 s) never queue behind digests or fetches
    interactive: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=2, thread_name_prefix="verdict-interactive"))
    # `/verdict summarize URL`: fetches here, CPU in the workers' CPU process (bot.slack.slash)
    briefing: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=2, thread_name_prefix="verdict-briefing"))
    _unwatched: frozenset[str] | None = None  # channels set to unwatched, as read at _unwatched_until − 5 s
    _unwatched_until: float = 0.0
    _refreshing: threading.Lock = field(default_factory=threading.Lock)
    _intake: GroupCommit | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _after_ack: threading.Condition = field(default_factory=threading.Condition)
    _running_after_ack: int = 0

    def __post_init__(self) -> None:
        if self.digester is None:
            # the running scheduler's digester when there is one: its per-channel locks make a mention
            # and a due slot take turns
            self.digester = (self.scheduler.digester if self.scheduler is not None
                             else Digester(self.settings, self.db, self.poster))

    @property
    def intake(self) -> GroupCommit:
        """The ack path's group commit, started on first use."""
        with self._lock:
            if self._intake is None:
                self._intake = GroupCommit(self.db)
            return self._intake

    def is_watched(self, channel_id: str) -> bool:
        """The channel's watch state, from the set of unwatched channels read at most every
        WATCH_CACHE_SECONDS (one read for all channels).

        On the ack path of every message: a database read per channel (an ORM session, ~2 ms of CPU)
        is what a burst can't afford — its first event in each of 50 channels paid one. `watch`/`unwatch`
        here update the set at once; in other processes within WATCH_CACHE_SECONDS. While one request
        reads a fresh set, the others answer from the one they have.
        """
        unwatched = self._unwatched
        if unwatched is None or time.monotonic() >= self._unwatched_until:
            if unwatched is None:
                with self._refreshing:
                    unwatched = self._refresh_unwatched() if self._unwatched is None else self._unwatched
            elif self._refreshing.acquire(blocking=False):
                try:
                    unwatched = self._refresh_unwatched()
                finally:
                    self._refreshing.release()
        return channel_id not in unwatched

    def _refresh_unwatched(self) -> frozenset[str]:
        started = time.monotonic()
        unwatched = unwatched_channels(self.db)
        with self._lock:
            self._unwatched, self._unwatched_until = unwatched, started + WATCH_CACHE_SECONDS
        return unwatched

    def set_watched(self, channel_id: str, watched: bool, *, team_id: str | None = None) -> None:
        set_watched(self.db, channel_id, watched, team_id=team_id)
        with self._lock:
            if self._unwatched is not None:
                self._unwatched = self._unwatched - {channel_id} if watched else self._unwatched | {channel_id}

    def schedule_changed(self) -> None:
        """Apply a schedule change now in this process's scheduler (other processes: at their next sweep)."""
        if self.scheduler is not None:
            try:
                self.scheduler.sync()
            except Exception:
                logger.exception("could not apply the schedule change")

    def notify_workers(self) -> None:
        """Wake the link workers now instead of at their next poll."""
        if self.pool is not None:
            self.pool.notify()

    def later(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        """Run `fn` after the ack, on the after-ack pool; a crash is logged, never lost silently."""
        return self._submit(self.executor, "after-ack", fn, args, kwargs)

    def now(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        """Like `later`, on the interactive pool: for answers Slack waits for (modals)."""
        return self._submit(self.interactive, "interactive", fn, args, kwargs)

    def _submit(self, pool: ThreadPoolExecutor, kind: str, fn: Callable[..., Any], args: tuple,
                kwargs: dict) -> Future:
        def run() -> Any:
            try:
                return fn(*args, **kwargs)
            except Exception:
                logger.exception("%s task %s failed", kind, getattr(fn, "__qualname__", fn))
            finally:
                with self._after_ack:
                    self._running_after_ack -= 1
                    self._after_ack.notify_all()

        with self._after_ack:
            self._running_after_ack += 1
        return pool.submit(run)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every after-ack and interactive task has run; False if some still run after `timeout` s."""
        with self._after_ack:
            return self._after_ack.wait_for(lambda: self._running_after_ack == 0, timeout)

    def close(self) -> None:
        if self._intake is not None:
            self._intake.close()
        self.executor.shutdown(wait=True, cancel_futures=False)
        self.interactive.shutdown(wait=True, cancel_futures=True)
        self.briefing.shutdown(wait=False, cancel_futures=True)
        self.fetcher.close()
