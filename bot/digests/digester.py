"""Digests: a channel's new briefs, chosen exactly once, posted, marked.

    digester = Digester(settings, db, poster)                 # poster: bot.slack.client.SlackPoster
    outcome = digester.run("C123")                             # the channel's scheduled digest, now
    outcome = digester.run("C123", slot=fire_time)             # as fired by the scheduler
    outcome = digester.run("C123", dry_run=True)               # render only: posts and marks nothing
    digester.lookback("C123", days=7)                          # a look-back; marks nothing
    digester.recover()                                         # finish digests a crash left 'prepared'

    run_digest_command(settings, "C123", dry_run=False) -> exit status    # `python -m bot digest`
    handle_digest_command(settings, db, poster, channel_id, user_id, "7d") -> reply text   # `@Verdict digest`

Exactly once, whatever step a crash interrupts:

    1. select   the channel's done briefs that no digest holds yet
    2. record   one transaction: the Digest row (state 'prepared', with a lease) and a DigestItem
                per brief. The unique key (channel_id, job_id) lets a brief join one digest only,
                even when two runners race: the loser's insert fails and it selects again.
    3. post     every message tagged with Slack message metadata
                {event_type: "verdict_digest", event_payload: {digest_id, part, through}}
    4. mark     state 'posted', with the message's ts

    crash before 2 → nothing was recorded: the next run selects the same briefs.
    crash after 2  → the digest stays 'prepared'. Recovery (the next run for that channel, the
                     scheduler's start, and its periodic sweep) takes the lease once it has expired,
                     looks for the tagged messages in the destination's history and the parent's
                     thread, posts only the parts that are missing, and marks the digest posted.

A destination that refuses the post (`not_in_channel`, `channel_not_found` …) before any part of
it is up gets the digest 'failed' and its items released, so the briefs go into the next digest;
the channel the digest belongs to is told why.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.db import digests
from bot.db.engine import ChannelSettings, Database, get_channel, utcnow
from bot.digests.grammar import parse_lookback as grammar_parse_lookback
from bot.errors import DeliveryError, VerdictError
from bot.followups.digests import with_open_requests
from bot.models import Brief, SlackIdentity
from bot.render.blocks import Message
from bot.render.digest import (
    DigestEntry,
    DigestPage,
    name_entries,
    order_entries,
    paginate_digest,
    render_empty,
)

logger = logging.getLogger(__name__)

# How long a runner owns a prepared digest before recovery may take it over. Posting is paced at
# one message a second per channel, and each posted part renews the lease.
DIGEST_LEASE = timedelta(minutes=2)
MAX_LOOKBACK_DAYS = 90



class DigestPoster(Protocol):
    """What a digest needs of Slack (`bot.slack.client.SlackPoster` is the real one)."""

    def identity(self) -> SlackIdentity: ...

    def post_message(self, channel: str, message: Message, *, thread_ts: str | None = None,
                     metadata: dict | None = None) -> str: ...

    def post_digest_part(self, channel: str, message: Message, *, digest_id: int, part: int, through: int,
                         thread_ts: str | None = None) -> str: ...

    def digest_parts(self, channel: str, digest_id: int, *, oldest: str) -> dict[int, dict]: ...

    def is_member(self, channel: str, user: str) -> bool: ...


@dataclass
class DigestOutcome:
    """What one run did. `state`: posted | empty | nothing | dry_run | failed | busy | lookback."""

    channel_id: str
    state: str
    destination_id: str
    digest_id: int | None = None
    count: int = 0
    message_ts: str | None = None
    messages: list[Message] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True)
class _Item:
    job_id: int
    brief_id: int
    entry: DigestEntry


class Digester:
    """Runs digests for channels. Thread-safe; one per process is enough.

    `clock` returns the current aware UTC time (tests inject a settable one).
    """

    def __init__(self, settings: Settings, db: Database, poster: DigestPoster | None = None, *,
                 clock: Callable[[], datetime] = utcnow, lease: timedelta = DIGEST_LEASE,
                 on_step: Callable[[str], None] | None = None):
        self.settings = settings
        # called with the name of each step ("selected", "recorded", "part_posted", "posted", "marked"):
        # crash tests stop the process exactly there
        self.on_step = on_step
        self.db = db
        self.poster = poster
        self.clock = clock
        self.lease = lease
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    # --- channel facts ------------------------------------------------------------------------

    def _step(self, name: str) -> None:
        if self.on_step is not None:
            self.on_step(name)

    def channel(self, channel_id: str) -> ChannelSettings:
        return get_channel(self.db, channel_id)

    def timezone(self, channel: ChannelSettings) -> ZoneInfo:
        return ZoneInfo(channel.timezone or self.settings.digest_timezone)

    def lock(self, channel_id: str) -> threading.Lock:
        """The in-process lock for one channel: one digest run per channel at a time."""
        with self._locks_guard:
            return self._locks.setdefault(channel_id, threading.Lock())

    # --- the scheduled digest -----------------------------------------------------------------

    def run(self, channel_id: str, *, slot: datetime | None = None, dry_run: bool = False,
            wait: bool = True) -> DigestOutcome:
        """The channel's scheduled digest: every done brief not in an earlier digest.

        `slot` is the schedule's fire time this run is for (None: run now, e.g. `@Verdict digest`,
        which counts as the scheduled digest: its briefs are marked). `wait=False` returns a
        'busy' outcome at once when the channel's digest is already running in this process.
        """
        lock = self.lock(channel_id)
        if not lock.acquire(blocking=wait):
            return DigestOutcome(channel_id, "busy", channel_id)
        try:
            return self._run_locked(channel_id, slot=slot, dry_run=dry_run)
        finally:
            lock.release()

    def _run_locked(self, channel_id: str, *, slot: datetime | None, dry_run: bool) -> DigestOutcome:
        now = self.clock()
        channel = self.channel(channel_id)
        destination = channel.destination_id or channel_id
        if not dry_run:
            # finish what a crash left behind first, so briefs keep their order across digests
            if not self._recover_channel(channel_id, now):
                return DigestOutcome(channel_id, "busy", destination)
        period_start = self._last_period_end(channel_id)
        period_end = slot or now
        tz = self.timezone(channel)

        for _attempt in range(5):
            items = self._pending(channel_id)
            self._step("selected")
            if dry_run:
                entries = _entries(items)
                messages = [page.message for page in self._pages(entries, channel_id, period_start,
                                                                  period_end, tz)]
                return DigestOutcome(channel_id, "dry_run" if items else "nothing", destination,
                                     count=len(entries), messages=messages)
            if not items:
                return self._nothing_new(channel_id, destination, period_start, period_end, tz, slot=slot)
            digest_id = self._record(channel_id, destination, items, period_start, period_end, now)
            if digest_id is None:
                # another runner took some of these briefs between our select and insert: select again
                logger.info("digest for %s raced another runner; selecting again", channel_id)
                continue
            self._step("recorded")
            return self._post(digest_id, channel_id, destination, _entries(items),
                              period_start, period_end, tz, already=0, parent_ts=None)
        raise VerdictError(f"could not record the digest for {channel_id}: the database kept changing")

    def _nothing_new(self, channel_id, destination, period_start, period_end, tz, *, slot) -> DigestOutcome:
        now = self.clock()
        if self.settings.digest_post_empty and self.poster is not None:
            digest_id = self._record(channel_id, destination, [], period_start, period_end, now)
            assert digest_id is not None  # no items: nothing to race for
            message = render_empty(channel_id=channel_id, period_end=period_end, tz=tz, period_start=period_start)
            page = DigestPage(message=message, part=1, through=0)
            try:
                ts = self._post_page(destination, page, digest_id, parent_ts=None)
            except DeliveryError as error:
                return self._fail(digest_id, channel_id, destination, error, posted_any=False)
            self._mark(digest_id, ts)
            return DigestOutcome(channel_id, "posted", destination, digest_id=digest_id, message_ts=ts,
                                 messages=[message])
        # recorded even though nothing is posted: the scheduler's catch-up must know this slot was handled
        digest_id = digests.record_empty(self.db, channel_id, destination, period_start, period_end, now)
        return DigestOutcome(channel_id, "nothing", destination, digest_id=digest_id)

    # --- steps --------------------------------------------------------------------------------

    def _pending(self, channel_id: str) -> list[_Item]:
        return self._items(digests.pending_rows(self.db, channel_id))

    def _digest_items(self, digest_id: int) -> list[_Item]:
        return self._items(digests.digest_rows(self.db, digest_id))

    def _items(self, rows: list[digests.DigestRow]) -> list[_Item]:
        identity = self._identity()
        items = []
        for row in rows:
            permalink = identity.permalink(row.channel_id, row.message_ts, row.thread_ts) if identity else None
            entry = DigestEntry(brief=Brief.model_validate_json(row.brief_json), permalink=permalink,
                                shared_by=row.user_id, shared_at=row.created_at)
            items.append(_Item(job_id=row.job_id, brief_id=row.brief_id, entry=entry))
        return items

    def _identity(self) -> SlackIdentity | None:
        if self.poster is None:
            return None
        try:
            return self.poster.identity()
        except DeliveryError as error:
            # permalinks are a convenience: without them titles link to the article itself
            logger.warning("auth.test failed (%s); digest titles link to the articles", error)
            return None

    def _record(self, channel_id: str, destination: str, items: list[_Item], period_start: datetime | None,
                period_end: datetime, now: datetime) -> int | None:
        return digests.record_digest(self.db, channel_id, destination, [item.job_id for item in items],
                                     period_start, period_end, now, now + self.lease)

    def _pages(self, entries: list[DigestEntry], channel_id, period_start, period_end, tz, *, start=0,
               start_part=1, lookback=False) -> list[DigestPage]:
        # display names, never <@U…> mentions: a digest must not ping everyone who shared a link
        ordered = order_entries(name_entries(entries, getattr(self.poster, "display_name", None)))
        pages = paginate_digest(ordered, channel_id=channel_id, period_start=period_start, period_end=period_end,
                                tz=tz, channel_name=None, lookback=lookback, start=start, start_part=start_part)
        if start == 0:  # the first message also says how many requests are still open
            pages = with_open_requests(self.db, channel_id, pages)
        return pages

    def _post(self, digest_id, channel_id, destination, entries, period_start, period_end, tz, *,
              already: int, parent_ts: str | None, start_part: int = 1) -> DigestOutcome:
        pages = self._pages(entries, channel_id, period_start, period_end, tz, start=already, start_part=start_part)
        posted_any = parent_ts is not None
        spacing = _Spacing(self.poster)
        try:
            for page in pages:
                spacing.wait()
                ts = self._post_page(destination, page, digest_id, parent_ts=parent_ts)
                spacing.done()
                posted_any = True
                parent_ts = parent_ts or ts
                self._renew(digest_id)
                self._step("part_posted")
        except DeliveryError as error:
            return self._fail(digest_id, channel_id, destination, error, posted_any=posted_any)
        self._step("posted")
        self._mark(digest_id, parent_ts)
        self._step("marked")
        count = len(entries)
        logger.info("digest %s for %s posted in %s: %d briefs, %d messages", digest_id, channel_id, destination,
                    count, len(pages))
        return DigestOutcome(channel_id, "posted", destination, digest_id=digest_id, count=count,
                             message_ts=parent_ts, messages=[p.message for p in pages])

    def _post_page(self, destination: str, page: DigestPage, digest_id: int, *, parent_ts: str | None) -> str:
        assert self.poster is not None  # dry runs never post
        return self.poster.post_digest_part(destination, page.message, digest_id=digest_id, part=page.part,
                                            through=page.through, thread_ts=parent_ts)

    def _renew(self, digest_id: int) -> None:
        digests.renew_lease(self.db, digest_id, self.clock() + self.lease)

    def _mark(self, digest_id: int, message_ts: str | None) -> None:
        digests.mark_posted(self.db, digest_id, message_ts, self.clock())

    def _fail(self, digest_id, channel_id, destination, error: DeliveryError, *, posted_any: bool) -> DigestOutcome:
        if error.permanent and not posted_any:
            # nothing of it reached Slack: release its briefs for the next digest
            digests.release(self.db, digest_id)
            logger.warning("digest %s for %s could not be posted in %s: %s", digest_id, channel_id, destination, error)
            self._tell_channel(channel_id, destination, error)
        else:
            # maybe posted, maybe not (timeout, 5xx), or half posted: recovery finishes it from Slack's history
            logger.warning("digest %s for %s interrupted (%s); recovery will finish it", digest_id, channel_id, error)
        return DigestOutcome(channel_id, "failed", destination, digest_id=digest_id, error=str(error))

    def _tell_channel(self, channel_id: str, destination: str, error: DeliveryError) -> None:
        if self.poster is None or destination == channel_id:
            return
        try:
            self.poster.post_message(channel_id, Message(text=destination_problem(destination, error.code)))
        except DeliveryError:
            logger.warning("could not tell %s that its digest failed", channel_id, exc_info=True)

    def _last_period_end(self, channel_id: str) -> datetime | None:
        return digests.last_period_end(self.db, channel_id)

    # --- recovery -----------------------------------------------------------------------------

    def recover(self, channel_id: str | None = None) -> list[DigestOutcome]:
        """Finish every 'prepared' digest whose lease has expired (all channels, or one)."""
        outcomes = []
        for cid in digests.prepared_channels(self.db, channel_id):
            lock = self.lock(cid)
            if not lock.acquire(blocking=False):
                continue  # a run for this channel is under way here; it recovers first
            try:
                outcomes.extend(self._recover_all(cid, self.clock()))
            finally:
                lock.release()
        return outcomes

    def _recover_channel(self, channel_id: str, now: datetime) -> bool:
        """Recover this channel's prepared digests; False when one is still leased by another runner."""
        self._recover_all(channel_id, now)
        return not digests.prepared_ids(self.db, channel_id)

    def _recover_all(self, channel_id: str, now: datetime) -> list[DigestOutcome]:
        ids = digests.prepared_ids(self.db, channel_id)
        return [outcome for digest_id in ids if (outcome := self._recover_one(digest_id, now)) is not None]

    def _recover_one(self, digest_id: int, now: datetime) -> DigestOutcome | None:
        # take the lease atomically: of two recoverers only one gets rowcount 1
        digest = digests.take_lease(self.db, digest_id, now=now, until=now + self.lease)
        if digest is None:
            return None
        if self.poster is None:
            return None
        logger.info("recovering digest %s for %s", digest_id, digest.channel_id)
        channel = self.channel(digest.channel_id)
        tz = self.timezone(channel)
        entries = _entries(self._digest_items(digest_id))
        try:
            # a little before creation: clocks of this host and Slack's differ
            oldest = f"{(digest.created_at - timedelta(minutes=5)).timestamp():.6f}"
            parts = self.poster.digest_parts(digest.destination_id, digest_id, oldest=oldest)
            already, parent_ts, next_part = 0, None, 1
            if parts:
                parent_ts = str(parts[1]["ts"])
                last = max(parts)
                already = int(parts[last]["metadata"]["event_payload"].get("through") or 0)
                next_part = last + 1
        except DeliveryError as error:
            # can't read the destination: when Slack refuses for good (not in it, gone) nothing can
            # have been posted there; otherwise keep it prepared and look again later
            return self._fail(digest_id, digest.channel_id, digest.destination_id, error,
                              posted_any=not error.permanent)
        if not entries and parent_ts is None:
            # an empty-period digest (DIGEST_POST_EMPTY) that never reached Slack
            message = render_empty(channel_id=digest.channel_id, period_end=digest.period_end, tz=tz,
                                   period_start=digest.period_start)
            try:
                parent_ts = self._post_page(digest.destination_id, DigestPage(message, 1, 0), digest_id,
                                            parent_ts=None)
            except DeliveryError as error:
                return self._fail(digest_id, digest.channel_id, digest.destination_id, error, posted_any=False)
        return self._post(digest_id, digest.channel_id, digest.destination_id, entries, digest.period_start,
                          digest.period_end, tz, already=already, parent_ts=parent_ts, start_part=next_part)

    # --- look-back ----------------------------------------------------------------------------

    def lookback(self, channel_id: str, *, days: int, destination: str | None = None,
                 dry_run: bool = False) -> DigestOutcome:
        """Every brief of the last `days` days, digested or not; posts, marks nothing."""
        now = self.clock()
        since = now - timedelta(days=days)
        destination = destination or channel_id
        entries = _entries(self._items(digests.recent_rows(self.db, channel_id, since=since)))
        tz = self.timezone(self.channel(channel_id))
        pages = self._pages(entries, channel_id, since, now, tz, lookback=True)
        if not pages or dry_run or self.poster is None:
            return DigestOutcome(channel_id, "lookback" if pages else "nothing", destination,
                                 count=len(entries), messages=[p.message for p in pages])
        parent_ts: str | None = None
        poster = self.poster
        spacing = _Spacing(poster)
        try:
            for page in pages:
                spacing.wait()
                ts = poster.post_message(destination, page.message, thread_ts=parent_ts)
                spacing.done()
                parent_ts = parent_ts or ts
        except DeliveryError as error:
            return DigestOutcome(channel_id, "failed", destination, error=str(error))
        return DigestOutcome(channel_id, "lookback", destination, count=len(entries),
                             message_ts=parent_ts, messages=[p.message for p in pages])


class _Spacing:
    """The parts of one digest go out at least the poster's pace apart, counted from when the
    previous post *returned*: the per-channel pacer spaces the starts of calls, and a slow first
    call would otherwise reach Slack less than a second before the next one."""

    def __init__(self, poster):
        pacer = getattr(poster, "pacer", None)
        self.interval = float(getattr(pacer, "interval", 0.0) or 0.0)
        self.last: float | None = None

    def wait(self) -> None:
        if self.last is not None and self.interval > 0:
            remaining = self.last + self.interval - time.monotonic()
            if remaining > 0:
                time.sleep(remaining)

    def done(self) -> None:
        self.last = time.monotonic()


def _entries(items: list[_Item]) -> list[DigestEntry]:
    """One entry per brief: a page shared twice in a channel is listed once (its first share)."""
    seen: set[int] = set()
    entries = []
    for item in items:
        if item.brief_id not in seen:
            seen.add(item.brief_id)
            entries.append(item.entry)
    return entries


def destination_problem(destination: str, code: str | None) -> str:
    """What to tell a channel whose digest could not go to its destination."""
    if code == "not_in_channel":
        return (f"I couldn't post this channel's digest in <#{destination}>: I'm not in that channel. "
                f"Invite me there (`/invite @Verdict`), or set `@Verdict schedule …` without `to`.")
    if code in ("channel_not_found", "is_archived"):
        return (f"I couldn't post this channel's digest in <#{destination}>: that channel is gone or archived. "
                f"Set `@Verdict schedule …` again without `to` (or with another channel).")
    return f"I couldn't post this channel's digest in <#{destination}> (Slack said `{code}`); I'll try again."


# --- entry points ---------------------------------------------------------------------------


def parse_lookback(text: str) -> int | None:
    """'7d' → 7, '2w' → 14, '' → None (the scheduled digest); raises VerdictError otherwise.

    The one look-back grammar lives in bot.digests.grammar (the command parser uses it too).
    """
    return grammar_parse_lookback(text)


def handle_digest_command(settings: Settings, db: Database, poster, channel_id: str, user_id: str | None,
                          args: str = "", *, digester: Digester | None = None) -> str:
    """`@Verdict digest` (post the scheduled digest now) or `@Verdict digest 7d` (a look-back).

    Returns the one-line answer for the asking channel; never raises for a user's mistake.
    """
    # the caller passes the running scheduler's digester when there is one: its per-channel locks make a
    # mention and a due slot take turns
    digester = digester or Digester(settings, db, poster)
    try:
        days = parse_lookback(args)
    except VerdictError as error:
        return str(error)
    if days is not None:
        outcome = digester.lookback(channel_id, days=days)
        if outcome.state == "nothing":
            return f"No briefs in <#{channel_id}> over the last {days} days."
        if outcome.state == "failed":
            return f"I couldn't post the look-back: {outcome.error}."
        return f"Posted a look-back of {outcome.count} brief{'s' * (outcome.count != 1)} from the last {days} days."
    outcome = digester.run(channel_id)
    if outcome.state == "nothing":
        return f"Nothing new in <#{channel_id}> since the last digest; nothing posted."
    if outcome.state == "busy":
        return "This channel's digest is being posted right now."
    if outcome.state == "failed":
        code = outcome.error or ""
        if outcome.destination_id != channel_id:
            return destination_problem(outcome.destination_id, code.rsplit(": ", 1)[-1])
        return f"I couldn't post the digest: {code}."
    where = "" if outcome.destination_id == channel_id else f" in <#{outcome.destination_id}>"
    return f"Posted the digest{where}: {outcome.count} brief{'s' * (outcome.count != 1)}."
