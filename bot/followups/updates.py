"""The follow-up job: index new briefs, match decided ones to open requests, post the updates, re-check.

    runner = FollowupRunner(settings, db, poster, fetcher=fetcher, summarizer=summarizer)
    runner.start()        # a thread: run_once() every FOLLOWUP_INTERVAL_SECONDS
    runner.run_once()     # tests: one pass here; returns what it did
    runner.stop()

One pass:

1. **Index.** Done link jobs not yet in `brief_records` are recorded (for `find` and `open`); a
   pending brief becomes an open request. A decided one (approved / declined / partial) is matched
   against the workspace's open requests (`bot.followups.matching`) *in the same transaction*: each
   match marks its request resolved and records a prepared update (unique per request).
2. **Post.** Prepared updates are leased and posted in the open request's thread — "Update: ⛔
   declined — <link to the new thread>" — tagged with Slack metadata {"event_type":
   FOLLOWUP_EVENT_TYPE, "event_payload": {"followup_id": n}}. `post_started_at` is written before
   the post; a later attempt of an update that got that far first looks for its tag in the thread,
   so a crash (kill -9) between posting and recording never posts twice.
3. **Re-check.** An open request whose source is a web page is re-fetched once a day for
   FOLLOWUP_RECHECK_DAYS days (a few per pass); if the page now states a decision, that is its
   update (linking the page itself). After the last day the request is closed as expired.

Several processes may run this (one per `serve`): indexing is idempotent (primary key per job,
conditional updates) and posting is leased, so each update is posted by one of them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from bot import urls as links
from bot.config import Settings
from bot.db import followups as repo
from bot.db.engine import Database, load_brief, utcnow
from bot.db.jobs import new_worker_id
from bot.errors import DeliveryError, SourceError
from bot.followups import matching
from bot.models import Status
from bot.render.followups import update_message
from bot.retry import backoff_delay

logger = logging.getLogger(__name__)

FOLLOWUP_EVENT_TYPE = "verdict_followup"
LEASE_SECONDS = 60
MAX_ATTEMPTS = 5
INDEX_OVERLAP = timedelta(minutes=10)  # jobs may commit a little out of finished_at order
MAX_INDEX_BATCHES = 20  # per pass: a large backlog is caught up over several passes
RECHECKS_PER_PASS = 3
RECHECK_EVERY = timedelta(days=1)


def _match(outcome, candidates):
    return matching.match(outcome, candidates)


class FollowupRunner:
    def __init__(self, settings: Settings, db: Database, poster, *, fetcher=None, summarizer=None,
                 clock: Callable[[], datetime] | None = None, worker_id: str | None = None):
        self.settings = settings
        self.db = db
        self.poster = poster
        self.fetcher = fetcher
        self.summarizer = summarizer
        self.clock = clock or utcnow
        self.worker_id = worker_id or new_worker_id()
        self._watermark: datetime | None = None
        self._primed = False
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    # --- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="verdict-followups", daemon=True)
            self._thread.start()
            logger.info("follow-ups started: a pass every %ss", self.settings.followup_interval_seconds)

    def notify(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:
                logger.exception("follow-up pass failed; trying again in %ss", self.settings.followup_interval_seconds)
            self._wake.wait(self.settings.followup_interval_seconds)
            self._wake.clear()

    # --- one pass ----------------------------------------------------------------------------------

    def run_once(self) -> dict[str, int]:
        done = {"indexed": self.index(), "posted": self.post_updates()}
        if not self._stop.is_set():
            done["rechecked"] = self.recheck()
        return done

    def index(self) -> int:
        if not self._primed:
            latest = repo.latest_indexed(self.db)
            self._watermark = latest
            self._primed = True
        recheck_after = RECHECK_EVERY if self.settings.followup_recheck_days > 0 else None
        total = 0
        for _ in range(MAX_INDEX_BATCHES):
            since = self._watermark - INDEX_OVERLAP if self._watermark is not None else None
            added = repo.index_new_briefs(self.db, _match, since=since, now=self.clock(),
                                          recheck_after=recheck_after)
            total += len(added)
            if added:
                newest = max(r.created_at for r in added)
                self._watermark = max(newest, self._watermark) if self._watermark else newest
            if len(added) < repo.INDEX_BATCH:
                break
        return total

    def post_updates(self) -> int:
        posted = 0
        for update in repo.claim_followups(self.db, worker_id=self.worker_id, lease_seconds=LEASE_SECONDS,
                                           now=self.clock()):
            try:
                if self._post(update):
                    posted += 1
            except DeliveryError as error:
                self._delivery_failed(update, error)
            except Exception:
                logger.exception("update %s crashed", update.id)
                self._delivery_failed(update, DeliveryError("internal error"))
        return posted

    def _post(self, update: repo.FollowupView) -> bool:
        if update.post_started:
            found = self._already_posted(update)
            if found is not None:
                logger.info("update %s was posted before an interruption (%s); recording it", update.id, found)
                repo.finish_followup(self.db, update.id, reply_ts=found, now=self.clock())
                return False
        message = self._message(update)
        repo.begin_followup_post(self.db, update.id, now=self.clock())
        ts = self.poster.post_message(update.channel_id, message, thread_ts=update.thread_ts,
                                      metadata={"event_type": FOLLOWUP_EVENT_TYPE,
                                                "event_payload": {"followup_id": update.id}})
        repo.finish_followup(self.db, update.id, reply_ts=ts, now=self.clock())
        logger.info("update %s posted in %s/%s: %s", update.id, update.channel_id, update.thread_ts, update.status)
        return True

    def _already_posted(self, update: repo.FollowupView) -> str | None:
        for message in self.poster.thread_replies(update.channel_id, update.thread_ts):
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == FOLLOWUP_EVENT_TYPE and str(payload.get("followup_id")) == str(update.id):
                return str(message.get("ts"))
        return None

    def _message(self, update: repo.FollowupView):
        outcome = load_brief(self.db, update.outcome_brief_id)
        link = None
        if update.outcome_channel_id and update.outcome_ts:
            try:
                link = self.poster.identity().permalink(update.outcome_channel_id, update.outcome_ts,
                                                           update.outcome_thread_ts)
            except DeliveryError as error:
                logger.info("no permalink for update %s (%s): linking the article", update.id, error)
        request = repo.get_record(self.db, update.open_job_id)
        explanation = None
        if request is not None and outcome is not None:
            score = matching.match_score(request, outcome)
            explanation = score.explain() if score is not None and update.outcome_job_id else None
        return update_message(update.status, link_url=link or update.outcome_url,
                              title=outcome.title if outcome else None,
                              decided_by=outcome.decided_by if outcome else None,
                              decision=outcome.decision if outcome else None, explanation=explanation)

    def _delivery_failed(self, update: repo.FollowupView, error: DeliveryError) -> None:
        if error.permanent or update.attempts >= MAX_ATTEMPTS:
            logger.warning("update %s given up: %s", update.id, error)
            repo.fail_followup(self.db, update.id, str(error), now=self.clock())
        else:
            delay = backoff_delay(update.attempts, base=5.0, cap=300.0)
            logger.info("update %s: %s; retrying in %.0f s", update.id, error, delay)
            repo.retry_followup(self.db, update.id, str(error), delay, now=self.clock())

    # --- re-checks ---------------------------------------------------------------------------------

    def recheck(self) -> int:
        days = self.settings.followup_recheck_days
        if days <= 0 or self.fetcher is None or self.summarizer is None:
            return 0
        checked = 0
        for request in repo.due_rechecks(self.db, now=self.clock(), limit=RECHECKS_PER_PASS):
            if self._stop.is_set():
                break
            checked += 1
            now = self.clock()
            # trafilatura & co. load on the first re-check: the web process otherwise reads no page itself
            from bot.pipeline.source import brief_source

            try:
                brief = brief_source(request.url, fetcher=self.fetcher, summarizer=self.summarizer)
            except SourceError as error:
                logger.info("re-check of %s failed: %s", request.url, error)
                brief = None
            if brief is not None and brief.status in (Status.APPROVED, Status.DECLINED, Status.PARTIAL):
                if repo.resolve_by_recheck(self.db, request, brief, url_key=links.url_key(request.url), now=now):
                    logger.info("open request %s decided on its own page: %s", request.job_id, brief.status)
                    continue
            last = (now - request.created_at) >= timedelta(days=days)
            repo.record_recheck(self.db, request.job_id, next_at=None if last else now + RECHECK_EVERY, expire=last)
        if checked:
            self.post_updates()
        return checked
