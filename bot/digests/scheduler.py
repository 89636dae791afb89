"""The digest scheduler: APScheduler 3 wiring, catch-up from the database, and the schedule commands.

    scheduler = DigestScheduler(settings, db, poster).start()   # serve and clock (bot.cli) start one
    scheduler.sync()          # apply a schedule change now (commands call it through their on_change)
    scheduler.shutdown()

    sched = DigestScheduler(settings, db, poster, clock=lambda: now)   # tests: a settable clock, no thread
    sched.tick()               # run every channel whose digest is due at clock(): what jobs and catch-up do
    sched.next_run("C123")     # aware datetime in the channel's timezone, or None

    handle_schedule_command(settings, db, poster, "C123", "U1", "weekly fri 16:00 Europe/Berlin",
                            on_change=scheduler.sync)                                   # -> reply
    describe_channel_digest(settings, db, "C123")                                               # -> `status` line

The database is the source of truth. A channel's schedule lives in its `channels` row (None:
DIGEST_SCHEDULE in DIGEST_TIMEZONE, for watched channels; "off": none). Whether a digest is due is
decided from the database alone: the schedule's latest fire time ("slot") at or before now, compared
with the newest scheduled digest recorded for the channel. APScheduler only wakes us at the right
moments: one CronTrigger job per channel (`digest:<channel>`, replace_existing, max_instances=1,
coalesce, misfire_grace_time=DIGEST_MISFIRE_GRACE_SECONDS) and a sweep every 30 s that
re-reads schedules (changes apply without a restart, even when made by another process), finishes
digests a crash left half-posted, and runs anything due that a job did not (its first run, at start,
is the catch-up). APScheduler's MemoryJobStore forgets missed runs across restarts; the database
does not: a slot missed while the bot was down is posted once on start if it is less than the grace
old, else recorded as skipped and logged (its briefs simply go into the next digest).

Exactly one scheduler per database: `serve` runs it unless `--no-scheduler`, and then a single
`python -m bot clock` process must. Two schedulers would not post a brief twice (see bot.digests.digester),
but could post two digests for one slot.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor as APSThreadPool
from apscheduler.schedulers.background import BackgroundScheduler

from bot.config import Settings
from bot.db import digests
from bot.db.engine import ChannelSettings, Database, get_channel, update_channel, utcnow
from bot.db.retention import maybe_purge
from bot.digests.digester import Digester, DigestOutcome
from bot.digests.grammar import (
    Schedule,
    ScheduleError,
    ScheduleTrigger,
    describe,
    fire_times,
    format_local,
    next_run,
    parse_schedule,
)
from bot.errors import ConfigError, DeliveryError

logger = logging.getLogger(__name__)

# Digests of different channels run in parallel on this many threads; one channel's posts are paced
# at about one a second (bot.slack.client.ChannelPacer), so a slow channel holds up only its own thread.
# Mostly asleep on that pace: 32 threads took 66 s for 2,000 two-message digests, 128 take ~50 s.
DIGEST_WORKERS = 128
SWEEP_SECONDS = 30
# A job fires a few milliseconds after its slot; even with DIGEST_MISFIRE_GRACE_SECONDS=0 that is on time.
MIN_GRACE = timedelta(seconds=60)
# Catch-up never looks further back than this (a channel whose schedule was off for months).
MAX_CATCH_UP = timedelta(days=35)



# --- a channel's effective schedule ---------------------------------------------------------------


@dataclass(frozen=True)
class ChannelPlan:
    """A channel's schedule as the scheduler uses it."""

    channel_id: str
    schedule: Schedule
    timezone: str
    trigger: ScheduleTrigger
    known_since: datetime | None  # slots before this (channel first seen / schedule changed) are never due

    @property
    def key(self) -> tuple[str, str]:
        return (self.schedule.cron or "", self.timezone)


def effective_schedule(settings: Settings, channel: ChannelSettings) -> tuple[Schedule | None, str]:
    """(schedule or None when off, timezone name) for a channel, defaults applied."""
    tz = channel.timezone or settings.digest_timezone
    spec = channel.schedule
    if spec is None:
        if not channel.watched or not settings.digests_enabled:
            return None, tz
        spec = settings.digest_schedule
    if spec == "off":
        return None, tz
    try:
        return parse_schedule(spec, check_interval=False), tz
    except ScheduleError as error:
        logger.warning("channel %s has an unusable schedule %r (%s); no digests", channel.id, spec, error)
        return None, tz


def check_default_schedule(settings: Settings) -> None:
    """Refuse to start with a DIGEST_SCHEDULE cron can't mean (one line naming the variable)."""
    if settings.digests_enabled:
        try:
            parse_schedule(settings.digest_schedule, check_interval=False)
        except ScheduleError as error:
            raise ConfigError(f"DIGEST_SCHEDULE={settings.digest_schedule!r}: {error}") from None


# --- the scheduler --------------------------------------------------------------------------------


class DigestScheduler:
    """Decides which channels are due and runs their digests in parallel; optionally drives APScheduler.

    Without `start()` nothing runs by itself: tests call `tick()` with a settable `clock`.
    """

    def __init__(self, settings: Settings, db: Database, poster=None, *, clock: Callable[[], datetime] = utcnow,
                 workers: int = DIGEST_WORKERS, digester: Digester | None = None):
        check_default_schedule(settings)
        self.settings = settings
        self.db = db
        self.poster = poster
        self.clock = clock
        self.digester = digester or Digester(settings, db, poster, clock=clock)
        self.grace = max(timedelta(seconds=settings.digest_misfire_grace_seconds), MIN_GRACE)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="digest")
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._jobs: dict[str, tuple[str, str]] = {}  # channel → (cron, tz) of its APScheduler job
        self._aps = None
        self._sync_lock = threading.Lock()

    # --- what is due ----------------------------------------------------------------------------

    def plans(self) -> dict[str, ChannelPlan]:
        """Every channel with a schedule: rows in `channels`, and channels that only have briefs."""
        rows, first_seen = digests.channels_with_first_share(self.db)
        plans: dict[str, ChannelPlan] = {}
        for row in rows:
            since = max(t for t in (row.created_at, row.updated_at) if t is not None) \
                if (row.created_at or row.updated_at) else None
            self._add_plan(plans, ChannelSettings.from_row(row), since)
        with_rows = {row.id for row in rows}
        for channel_id, since in first_seen.items():
            if channel_id not in with_rows:
                self._add_plan(plans, ChannelSettings(id=channel_id), since)
        return plans

    def _add_plan(self, plans: dict, channel: ChannelSettings, since: datetime | None) -> None:
        schedule, tz = effective_schedule(self.settings, channel)
        if schedule is None:
            return
        trigger = schedule.trigger(tz)
        if trigger is None:
            return
        plans[channel.id] = ChannelPlan(channel.id, schedule, tz, trigger, since)

    def _last_slots(self, channel_id: str | None = None) -> dict[str, datetime]:
        """The newest scheduled digest per channel (posted, prepared, empty, skipped or failed)."""
        return digests.last_scheduled_slots(self.db, channel_id)

    def due_slot(self, plan: ChannelPlan, last_done: datetime | None, now: datetime) -> tuple[datetime | None, bool]:
        """(the slot to run now or None, whether an older slot was missed beyond the grace)."""
        start = max([t for t in (last_done, plan.known_since) if t is not None] + [now - MAX_CATCH_UP])
        recent = fire_times(plan.trigger, max(start, now - self.grace), now)
        if recent:
            return recent[-1], False
        first = plan.trigger.get_next_fire_time(None, start + timedelta(microseconds=1))
        missed = first is not None and first.timestamp() <= (now - self.grace).timestamp()
        return None, missed

    def due(self, now: datetime | None = None) -> list[tuple[str, datetime]]:
        """Channels due at `now` with their slot. Slots missed beyond the grace are logged and recorded."""
        now = now or self.clock()
        last = self._last_slots()
        due = []
        for plan in self.plans().values():
            slot, missed = self.due_slot(plan, last.get(plan.channel_id), now)
            if slot is not None:
                due.append((plan.channel_id, slot))
            elif missed:
                self._record_skipped(plan, now)
        return due

    def _record_skipped(self, plan: ChannelPlan, now: datetime) -> None:
        logger.warning("digest for %s skipped: its slot passed more than %s ago (DIGEST_MISFIRE_GRACE_SECONDS); "
                       "its briefs go into the next digest", plan.channel_id, self.grace)
        digests.record_skipped(self.db, plan.channel_id, period_end=now - self.grace, now=now)

    # --- running ----------------------------------------------------------------------------------

    def _lock(self, channel_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(channel_id, threading.Lock())

    def run_channel(self, channel_id: str) -> DigestOutcome | None:
        """Run this channel's digest if it is due now (what the channel's APScheduler job calls).

        The due check happens again under the channel's lock, so a job and the sweep that both
        saw the same slot post it once.
        """
        lock = self._lock(channel_id)
        if not lock.acquire(blocking=False):
            return None
        try:
            now = self.clock()
            channel = get_channel(self.db, channel_id)
            plans: dict[str, ChannelPlan] = {}
            since = self._known_since(channel_id)
            self._add_plan(plans, channel, since)
            plan = plans.get(channel_id)
            if plan is None:
                return None
            slot, missed = self.due_slot(plan, self._last_slots(channel_id).get(channel_id), now)
            if slot is None:
                if missed:
                    self._record_skipped(plan, now)
                return None
            return self.digester.run(channel_id, slot=slot)
        except Exception:
            # one channel's failure never stops the others (nor the scheduler thread)
            logger.exception("digest for %s failed", channel_id)
            return None
        finally:
            lock.release()

    def _known_since(self, channel_id: str) -> datetime | None:
        return digests.known_since(self.db, channel_id)

    def tick(self, now: datetime | None = None) -> list[DigestOutcome]:
        """Run every due channel in parallel and wait for them; returns what was done."""
        due = self.due(now)
        futures = [self._pool.submit(self.run_channel, channel_id) for channel_id, _slot in due]
        return [outcome for future in futures if (outcome := future.result()) is not None]

    def recover(self) -> list[DigestOutcome]:
        """Finish digests a crash left 'prepared' (once their lease has expired)."""
        try:
            return self.digester.recover()
        except Exception:
            logger.exception("digest recovery failed")
            return []

    def sweep(self) -> None:
        """The periodic job: re-read schedules, recover, run whatever is due. Never raises."""
        try:
            self.sync()
            self.recover()
            self.tick()
        except Exception:
            logger.exception("digest sweep failed")
        maybe_purge(self.settings, self.db)  # BRIEF_RETENTION_DAYS: once an hour, in the one scheduler

    def next_run(self, channel_id: str, now: datetime | None = None) -> datetime | None:
        schedule, tz = effective_schedule(self.settings, get_channel(self.db, channel_id))
        return next_run(schedule, tz, now or self.clock()) if schedule else None

    # --- APScheduler ------------------------------------------------------------------------------

    def start(self) -> DigestScheduler:
        """Start APScheduler: one job per channel, the sweep (its first run, right away, is the catch-up)."""
        aps = self._aps = BackgroundScheduler(
            timezone=UTC,
            executors={"default": APSThreadPool(DIGEST_WORKERS)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": self._grace_seconds},
        )
        self.sync()
        # bound methods are fine as job functions: the job store is in memory, the database is the record
        aps.add_job(self.sweep, "interval", seconds=SWEEP_SECONDS, id="verdict:sweep",
                    replace_existing=True, next_run_time=datetime.now(UTC), misfire_grace_time=None)
        aps.start()
        logger.info("digest scheduler started: %d channel(s) scheduled", len(self._jobs))
        return self

    def sync(self) -> None:
        """Make APScheduler's jobs match the database (added, changed, removed schedules)."""
        if self._aps is None:
            return
        with self._sync_lock:
            plans = self.plans()
            for channel_id, plan in plans.items():
                if self._jobs.get(channel_id) == plan.key:
                    continue
                self._aps.add_job(
                    self.run_channel, trigger=plan.trigger, args=[channel_id],
                    id=f"digest:{channel_id}", name=f"digest {channel_id}: {plan.schedule.canonical}",
                    replace_existing=True, max_instances=1, coalesce=True,
                    misfire_grace_time=self._grace_seconds,
                )
                self._jobs[channel_id] = plan.key
            for channel_id in set(self._jobs) - set(plans):
                try:
                    self._aps.remove_job(f"digest:{channel_id}")
                except Exception:  # JobLookupError: already gone
                    pass
                del self._jobs[channel_id]

    @property
    def _grace_seconds(self) -> int:
        # APScheduler reads None as "no limit", so the floor is explicit
        return int(self.grace.total_seconds())

    def job(self, channel_id: str):
        """The APScheduler job of a channel (None when unscheduled or not started)."""
        return self._aps.get_job(f"digest:{channel_id}") if self._aps is not None else None

    def shutdown(self, wait: bool = True) -> None:
        if self._aps is not None and self._aps.running:
            self._aps.shutdown(wait=wait)
        self._pool.shutdown(wait=wait, cancel_futures=not wait)


# --- commands -------------------------------------------------------------------------------------


def describe_channel_digest(settings: Settings, db: Database, channel_id: str, *, now: datetime | None = None) -> str:
    """One line for `status`: 'Digest: Monday to Friday at 09:00 (UTC), posted here · next: Mon 2 Dec…'."""
    channel = get_channel(db, channel_id)
    schedule, tz = effective_schedule(settings, channel)
    if schedule is None:
        if channel.schedule is None and not channel.watched:
            return "Digest: none while this channel is not watched (`@Verdict schedule daily 09:00` sets one)."
        return "Digest: off (`@Verdict schedule weekdays 09:00` turns it on)."
    where = f"posted in <#{channel.destination_id}>" if channel.destination_id else "posted here"
    default = " (the default, DIGEST_SCHEDULE)" if channel.schedule is None else ""
    upcoming = next_run(schedule, tz, now or utcnow())
    when = f" · next: {format_local(upcoming)}" if upcoming else ""
    return f"Digest: {describe(schedule, tz, with_destination=False)}{default}, {where}{when}."


def check_destination(poster, destination: str, user_id: str | None) -> str | None:
    """Why this channel's digest may not go to `destination`, or None when it may.

    The person asking must be a member of it (a digest is no way into a channel you aren't in) and
    Verdict must be in it (else every post would fail with not_in_channel).
    """
    if poster is None:
        return "I can't check that channel right now (no Slack connection); try again."
    try:
        bot_user = poster.identity().user_id
        if bot_user and not poster.is_member(destination, bot_user):
            return (f"I'm not in <#{destination}>, so I can't post digests there: invite me first "
                    f"(`/invite @Verdict` in that channel), then set the schedule again.")
        if user_id and not poster.is_member(destination, user_id):
            return f"You're not a member of <#{destination}>, so you can't send this channel's digests there."
    except DeliveryError as error:
        if error.code in ("channel_not_found", "not_in_channel"):
            return (f"I'm not in <#{destination}> (or can't see it), so I can't post digests there: "
                    f"invite me first (`/invite @Verdict` in that channel).")
        return f"I couldn't check <#{destination}> with Slack ({error.code or error}); try again."
    return None


def handle_schedule_command(settings: Settings, db: Database, poster, channel_id: str, user_id: str | None,
                            spec: str, *, now: datetime | None = None,
                            on_change: Callable[[], None] | None = None) -> str:
    """`@Verdict schedule SPEC`: parse, check a destination, store, apply at once; the answer in words."""
    spec = (spec or "").strip()
    if not spec:
        return (describe_channel_digest(settings, db, channel_id, now=now)
                + " Change it with `@Verdict schedule weekdays 09:00` (or `weekly fri 16:00 Europe/Berlin`, "
                  "`monthly 1 09:00`, a crontab like `0 9 * * 1-5`, `… to #channel`, `off`).")
    try:
        schedule = parse_schedule(spec)
    except ScheduleError as error:
        return f"I can't use that schedule: {error}."
    destination = schedule.destination_id if schedule.destination_id != channel_id else None
    if destination:
        problem = check_destination(poster, destination, user_id)
        if problem:
            return problem
    fields: dict = {"schedule": schedule.canonical, "destination_id": destination}
    if schedule.timezone:
        fields["timezone"] = schedule.timezone
    channel = update_channel(db, channel_id, **fields)
    if on_change is not None:
        on_change()  # the running scheduler applies it now; other processes at their next sweep
    if schedule.off:
        return f"Digests for <#{channel_id}> are off. `@Verdict digest` still posts one on request."
    tz = channel.timezone or settings.digest_timezone
    where = f" in <#{destination}>" if destination else ""
    upcoming = next_run(schedule, tz, now or utcnow())
    when = f" Next: {format_local(upcoming)}." if upcoming else ""
    return f"Digests for <#{channel_id}> will be posted {describe(schedule, tz, with_destination=False)}{where}.{when}"
