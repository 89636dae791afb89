"""The scheduler with a settable clock (no sleeping): local times, DST, both sides of UTC, catch-up
within and beyond the grace, defaults, many channels, and the APScheduler wiring itself."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fakes.digests import add_briefs
from sqlalchemy import select

from bot.cli.clock import run_clock
from bot.db.engine import get_channel, set_watched, update_channel, utcnow
from bot.db.tables import Channel, Digest
from bot.digests.digester import handle_digest_command
from bot.digests.grammar import ScheduleTrigger
from bot.digests.scheduler import (
    DigestScheduler,
    describe_channel_digest,
    effective_schedule,
    handle_schedule_command,
)
from bot.errors import ConfigError
from bot.slack.client import ChannelPacer, SlackPoster, make_web_client

NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
BERLIN = ZoneInfo("Europe/Berlin")


class Clock:
    """A settable clock: `clock.set(datetime)`, `clock.advance(minutes=5)`; calling it gives the time."""

    def __init__(self, now: datetime):
        self.now = now.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now

    def set(self, when: datetime) -> None:
        self.now = when.astimezone(UTC)

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def make(db, slack, settings):
    """make(clock, **settings) -> DigestScheduler on the test database and the fake Slack (not started)."""
    made = []

    def build(clock, **overrides):
        s = settings(database_url=db.url, slack_bot_token="xoxb-test", slack_api_url=slack.api_url, **overrides)
        poster = SlackPoster(make_web_client(s), pacer=ChannelPacer(0.0))
        scheduler = DigestScheduler(s, db, poster, clock=clock, workers=8)
        made.append(scheduler)
        return scheduler

    yield build
    for scheduler in made:
        scheduler.shutdown(wait=True)


def posted_channels(slack) -> list[str]:
    return [c.body["channel"] for c in slack.posts()
            if (c.body.get("metadata") or {}).get("event_type") == "verdict_digest"
            and c.body["metadata"]["event_payload"]["part"] == 1]


def make_channel(db, channel_id, *, created, **fields):
    """A channel row as of `created` (its schedule counts from then)."""
    update_channel(db, channel_id, **fields)
    from bot.db.tables import Channel
    with db.session() as s:
        row = s.get(Channel, channel_id)
        row.created_at = row.updated_at = created


# --- local times, both sides of UTC ------------------------------------------------------------------

def test_weekday_schedule_fires_at_local_time_west_of_utc(db, slack, make):
    monday = datetime(2024, 12, 2, 17, 29, tzinfo=NEW_YORK)  # 22:29 UTC
    clock = Clock(monday - timedelta(days=3))
    make_channel(db, "C0NY", created=clock.now, schedule="weekdays 17:30", timezone="America/New_York")
    scheduler = make(clock)
    add_briefs(db, "C0NY", 2, finished_at=clock.now)

    clock.set(monday)
    assert scheduler.tick() == []
    clock.advance(minutes=1)  # 17:30 in New York
    [outcome] = scheduler.tick()
    assert (outcome.state, outcome.count) == ("posted", 2)
    clock.advance(minutes=1)
    assert scheduler.tick() == []
    # Saturday: not a weekday, even with new briefs waiting
    add_briefs(db, "C0NY", 1, start=10, finished_at=clock.now)
    clock.set(datetime(2024, 12, 7, 17, 31, tzinfo=NEW_YORK))
    assert scheduler.tick() == []
    clock.set(datetime(2024, 12, 9, 17, 30, tzinfo=NEW_YORK))  # Monday again
    [outcome] = scheduler.tick()
    assert outcome.count == 1
    assert posted_channels(slack) == ["C0NY", "C0NY"]
    assert scheduler.next_run("C0NY") == datetime(2024, 12, 10, 17, 30, tzinfo=NEW_YORK)


def test_daily_schedule_east_of_utc_fires_on_the_previous_utc_day(db, slack, make):
    clock = Clock(datetime(2024, 12, 1, 12, 0, tzinfo=UTC))
    make_channel(db, "C0TOKYO", created=clock.now, schedule="daily 09:00", timezone="Asia/Tokyo")
    make_channel(db, "C0UTC", created=clock.now, schedule="daily 09:00")
    scheduler = make(clock)
    add_briefs(db, "C0TOKYO", 1, finished_at=clock.now)
    add_briefs(db, "C0UTC", 1, start=5, finished_at=clock.now)

    clock.set(datetime(2024, 12, 2, 0, 0, tzinfo=UTC))  # 09:00 in Tokyo
    assert [o.channel_id for o in scheduler.tick()] == ["C0TOKYO"]
    clock.set(datetime(2024, 12, 2, 9, 0, tzinfo=UTC))
    assert [o.channel_id for o in scheduler.tick()] == ["C0UTC"]
    assert describe_channel_digest(scheduler.settings, db, "C0TOKYO", now=clock.now) == (
        "Digest: every day at 09:00 (Asia/Tokyo), posted here · next: Tue 3 Dec 2024, 09:00 JST.")


@pytest.mark.parametrize(("tz", "days"), [
    ("Europe/Berlin", ["2024-03-30", "2024-03-31", "2024-04-01"]),      # spring forward
    ("Europe/Berlin", ["2024-10-26", "2024-10-27", "2024-10-28"]),      # fall back
    ("America/New_York", ["2024-03-09", "2024-03-10", "2024-03-11"]),
    ("America/New_York", ["2024-11-02", "2024-11-03", "2024-11-04"]),
])
def test_02_30_digest_across_dst_changes_fires_once_a_day(db, slack, make, tz, days):
    zone = ZoneInfo(tz)
    first = datetime.fromisoformat(days[0]).replace(tzinfo=zone)
    clock = Clock(first - timedelta(hours=6))
    make_channel(db, "C0DST", created=clock.now, schedule="daily 02:30", timezone=tz)
    scheduler = make(clock)
    fired = []
    end = first + timedelta(days=3)
    step = 0
    while clock.now < end:
        add_briefs(db, "C0DST", 1, start=step, finished_at=clock.now)
        step += 1
        for _outcome in scheduler.tick():
            fired.append(clock.now.astimezone(zone))
        clock.advance(minutes=20)
    assert [f.strftime("%Y-%m-%d") for f in fired] == days
    # each digest is for its local 02:30 slot (03:30 on the night 02:30 doesn't exist), run within a tick of it
    with db.session(readonly=True) as s:
        slots = [row.period_end.astimezone(zone) for row in s.scalars(select(Digest).order_by(Digest.id))
                 if row.state == "posted"]
    assert len(slots) == 3
    for slot, moment in zip(slots, fired, strict=True):
        spring_day = slot.utcoffset() > slot.replace(hour=0).utcoffset()
        assert slot.strftime("%H:%M") == ("03:30" if spring_day else "02:30")
        assert timedelta(0) <= moment - slot < timedelta(minutes=20)


# --- defaults -------------------------------------------------------------------------------------------

def test_watched_channels_without_a_schedule_follow_digest_schedule(db, slack, make, settings):
    clock = Clock(datetime(2024, 12, 2, 8, 0, tzinfo=BERLIN))  # Monday
    add_briefs(db, "C0PLAIN", 2, finished_at=clock.now)         # a channel with briefs but no row
    add_briefs(db, "C0QUIET", 2, start=10, finished_at=clock.now)
    set_watched(db, "C0QUIET", False)                           # unwatched, no schedule: no default digest
    add_briefs(db, "C0OFF", 2, start=20, finished_at=clock.now)
    update_channel(db, "C0OFF", schedule="off")
    scheduler = make(clock, digest_schedule="0 9 * * 1-5", digest_timezone="Europe/Berlin")
    assert sorted(scheduler.plans()) == ["C0PLAIN"]
    clock.set(datetime(2024, 12, 2, 9, 0, tzinfo=BERLIN))
    assert [o.channel_id for o in scheduler.tick()] == ["C0PLAIN"]

    off = make(clock, digest_schedule="off")
    assert off.plans() == {}
    s = off.settings
    assert effective_schedule(s, get_channel(db, "C0PLAIN"))[0] is None
    # an explicit schedule still works with DIGEST_SCHEDULE=off
    update_channel(db, "C0QUIET", schedule="daily 10:00")
    assert sorted(off.plans()) == ["C0QUIET"]
    with pytest.raises(ConfigError, match="DIGEST_SCHEDULE='0 9 \\* \\* 9'"):
        make(clock, digest_schedule="0 9 * * 9")


# --- catch-up: within and beyond the grace ------------------------------------------------------------

def test_missed_digest_is_posted_once_on_start_within_the_grace(db, slack, make):
    clock = Clock(datetime(2024, 12, 2, 8, 0, tzinfo=UTC))
    make_channel(db, "C0LATE", created=clock.now, schedule="daily 09:00")
    add_briefs(db, "C0LATE", 3, finished_at=clock.now)
    clock.set(datetime(2024, 12, 2, 11, 0, tzinfo=UTC))  # the bot was down at 09:00; back at 11:00
    scheduler = make(clock, digest_misfire_grace_seconds=6 * 3600)
    [outcome] = scheduler.tick()
    assert outcome.count == 3
    with db.session(readonly=True) as s:
        [row] = s.scalars(select(Digest))
    assert row.period_end == datetime(2024, 12, 2, 9, 0, tzinfo=UTC)  # recorded for the 09:00 slot
    clock.advance(minutes=1)
    assert scheduler.tick() == []  # once
    # a restart right after: still once (the database remembers, not APScheduler's memory)
    assert make(clock, digest_misfire_grace_seconds=6 * 3600).tick() == []


def test_missed_digest_beyond_the_grace_is_skipped_logged_and_its_briefs_wait(db, slack, make, caplog):
    clock = Clock(datetime(2024, 12, 2, 8, 0, tzinfo=UTC))
    make_channel(db, "C0LATE", created=clock.now, schedule="daily 09:00")
    add_briefs(db, "C0LATE", 3, finished_at=clock.now)
    clock.set(datetime(2024, 12, 2, 16, 0, tzinfo=UTC))  # seven hours late, grace six
    scheduler = make(clock, digest_misfire_grace_seconds=6 * 3600)
    with caplog.at_level(logging.WARNING, logger="bot.digests.scheduler"):
        assert scheduler.tick() == []
        assert scheduler.tick() == []
    assert sum("digest for C0LATE skipped" in r.getMessage() for r in caplog.records) == 1  # logged once
    assert slack.posts() == []
    clock.set(datetime(2024, 12, 3, 9, 0, tzinfo=UTC))
    [outcome] = scheduler.tick()
    assert outcome.count == 3  # nothing lost: the next digest holds them


def test_several_missed_slots_coalesce_into_one_digest(db, slack, make):
    clock = Clock(datetime(2024, 12, 2, 8, 0, tzinfo=UTC))
    make_channel(db, "C0DOWN", created=clock.now, schedule="daily 09:00")
    add_briefs(db, "C0DOWN", 2, finished_at=clock.now)
    clock.set(datetime(2024, 12, 5, 10, 0, tzinfo=UTC))  # down Monday to Thursday
    scheduler = make(clock, digest_misfire_grace_seconds=4 * 86400)
    assert len(scheduler.tick()) == 1
    assert scheduler.tick() == []
    assert len(posted_channels(slack)) == 1


def test_a_schedule_set_after_its_slot_does_not_fire_for_that_slot(db, slack, make):
    clock = Clock(datetime(2024, 12, 2, 9, 30, tzinfo=UTC))
    add_briefs(db, "C0NEW", 2, finished_at=clock.now - timedelta(days=1))
    make_channel(db, "C0NEW", created=clock.now, schedule="daily 09:00")
    scheduler = make(clock)
    assert scheduler.tick() == []
    clock.set(datetime(2024, 12, 3, 9, 0, tzinfo=UTC))
    assert len(scheduler.tick()) == 1


def test_manual_digest_counts_as_the_scheduled_one(db, slack, make):
    clock = Clock(datetime(2024, 12, 2, 8, 55, tzinfo=UTC))
    make_channel(db, "C0EAGER", created=clock.now - timedelta(days=1), schedule="daily 09:00")
    add_briefs(db, "C0EAGER", 2, finished_at=clock.now)
    scheduler = make(clock)
    answer = handle_digest_command(scheduler.settings, db, scheduler.poster, "C0EAGER", "U1", "",
                                   digester=scheduler.digester)
    assert answer == "Posted the digest: 2 briefs."
    clock.set(datetime(2024, 12, 2, 9, 0, tzinfo=UTC))
    [outcome] = scheduler.tick()
    assert outcome.state == "nothing"  # the slot runs, finds nothing new, posts nothing
    assert len(posted_channels(slack)) == 1


# --- many channels ---------------------------------------------------------------------------------------

def test_many_channels_in_parallel_and_one_failure_blocks_none(db, slack, make):
    clock = Clock(datetime(2024, 12, 2, 8, 0, tzinfo=UTC))
    channels = [f"C0MANY{i:02d}" for i in range(12)]
    for n, channel in enumerate(channels):
        make_channel(db, channel, created=clock.now, schedule="daily 09:00")
        add_briefs(db, channel, 3, start=n * 10, finished_at=clock.now)
    slack.fail("chat.postMessage", "channel_not_found", channel="C0MANY03")
    slack.fail("chat.postMessage", "internal_error", channel="C0MANY07")
    scheduler = make(clock)
    clock.set(datetime(2024, 12, 2, 9, 0, tzinfo=UTC))
    outcomes = {o.channel_id: o.state for o in scheduler.tick()}
    assert outcomes.pop("C0MANY03") == "failed" and outcomes.pop("C0MANY07") == "failed"
    assert set(outcomes.values()) == {"posted"} and len(outcomes) == 10
    # the transient one is finished by the sweep once its lease is over; the permanent one waits for the next slot
    clock.advance(minutes=3)
    recovered = scheduler.recover()
    assert [(o.channel_id, o.state) for o in recovered] == [("C0MANY07", "posted")]
    assert sorted(posted_channels(slack)) == sorted(c for c in channels if c != "C0MANY03")


# --- schedule commands -----------------------------------------------------------------------------------

def test_schedule_command_answers_in_words_and_bad_specs_in_one_line(db, slack, make):
    clock = Clock(datetime(2024, 12, 1, 12, 0, tzinfo=UTC))
    scheduler = make(clock)
    s, poster = scheduler.settings, scheduler.poster
    answer = handle_schedule_command(s, db, poster, "C0CMD", "U1", "weekdays 17:30 America/New_York", now=clock.now)
    assert answer == ("Digests for <#C0CMD> will be posted Monday to Friday at 17:30 (America/New_York). "
                      "Next: Mon 2 Dec 2024, 17:30 EST.")
    # the timezone stays with the channel when a later schedule doesn't name one
    answer = handle_schedule_command(s, db, poster, "C0CMD", "U1", "monthly 1 09:00", now=clock.now)
    assert answer.endswith("on day 1 of every month at 09:00 (America/New_York). Next: Sun 1 Dec 2024, 09:00 EST.")
    answer = handle_schedule_command(s, db, poster, "C0CMD", "U1", "0 9 * * 1-5 UTC", now=clock.now)
    assert "Monday to Friday at 09:00 (UTC)" in answer
    bad = handle_schedule_command(s, db, poster, "C0CMD", "U1", "every other tuesday")
    assert bad.startswith("I can't use that schedule: I don't know the schedule") and "\n" not in bad
    assert get_channel(db, "C0CMD").schedule == "0 9 * * 1-5"  # unchanged by the bad one
    assert handle_schedule_command(s, db, poster, "C0CMD", "U1", "off") == (
        "Digests for <#C0CMD> are off. `@Verdict digest` still posts one on request.")
    assert describe_channel_digest(s, db, "C0CMD") == "Digest: off (`@Verdict schedule weekdays 09:00` turns it on)."
    shown = handle_schedule_command(s, db, poster, "C0CMD", "U1", "")
    assert shown.startswith("Digest: off") and "Change it with" in shown


# --- APScheduler itself ----------------------------------------------------------------------------------

def test_apscheduler_jobs_follow_the_database_without_restart_and_fire(db, slack, make):
    scheduler = make(utcnow, digest_misfire_grace_seconds=3600)
    add_briefs(db, "C0LIVE", 2)
    update_channel(db, "C0LIVE", schedule="weekly fri 16:00", timezone="Europe/Berlin")
    scheduler.start()
    try:
        job = scheduler.job("C0LIVE")
        assert job.id == "digest:C0LIVE"
        assert isinstance(job.trigger, ScheduleTrigger) and job.trigger.timezone == BERLIN
        assert (job.max_instances, job.coalesce, job.misfire_grace_time) == (1, True, 3600)
        nxt = job.next_run_time.astimezone(BERLIN)
        assert (nxt.strftime("%a %H:%M"), nxt) == ("Fri 16:00", scheduler.next_run("C0LIVE"))

        # a change from Slack applies at once (this process) — no restart
        handle_schedule_command(scheduler.settings, db, scheduler.poster, "C0LIVE", "U1", "daily 07:15 Asia/Tokyo",
                                on_change=scheduler.sync)
        job = scheduler.job("C0LIVE")
        assert job.next_run_time.astimezone(TOKYO).strftime("%H:%M") == "07:15"
        # … and one made by another process (straight into the database) at the next sweep
        update_channel(db, "C0LIVE", schedule="weekdays 06:45")
        scheduler.sync()
        assert scheduler.job("C0LIVE").next_run_time.astimezone(TOKYO).strftime("%H:%M") == "06:45"

        # fire it for real: pretend the slot is now (the job checks the database and posts once)
        slot = datetime.now(UTC).replace(second=0, microsecond=0)
        update_channel(db, "C0LIVE", schedule=f"daily {slot:%H:%M}", timezone="UTC")
        with db.session() as s:
            row = s.get(Channel, "C0LIVE")
            row.created_at = row.updated_at = slot - timedelta(minutes=1)  # set before the slot
        scheduler.sync()
        scheduler.job("C0LIVE").modify(next_run_time=datetime.now(UTC))
        [post] = slack.wait_for("chat.postMessage", 1, timeout=15)
        assert post.body["channel"] == "C0LIVE" and post.body["metadata"]["event_type"] == "verdict_digest"

        handle_schedule_command(scheduler.settings, db, scheduler.poster, "C0LIVE", "U1", "off",
                                on_change=scheduler.sync)
        assert scheduler.job("C0LIVE") is None
    finally:
        scheduler.shutdown()
    assert len(posted_channels(slack)) == 1


def test_start_catches_up_a_missed_slot(db, slack, make):
    from bot.db.engine import utcnow

    slot = utcnow().replace(second=0, microsecond=0) - timedelta(minutes=30)
    make_channel(db, "C0CATCH", created=slot - timedelta(days=1), schedule=f"daily {slot:%H:%M}", timezone="UTC")
    add_briefs(db, "C0CATCH", 2, finished_at=slot - timedelta(hours=1))
    scheduler = make(utcnow)
    scheduler.start()
    try:
        slack.wait_for("chat.postMessage", 1, timeout=15)
    finally:
        scheduler.shutdown()
    assert posted_channels(slack) == ["C0CATCH"]


def test_run_clock_starts_and_stops(db, slack, settings):
    s = settings(database_url=db.url, slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
    stop = threading.Event()
    thread = threading.Thread(target=run_clock, args=(s,), kwargs={"stop": stop})
    thread.start()
    slack.wait_for("auth.test", 0, timeout=1)
    stop.set()
    thread.join(20)
    assert not thread.is_alive()
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN"):
        run_clock(settings(database_url=db.url))


@pytest.mark.slow
def test_clock_process_catches_up_once_and_stops_on_sigterm(db, slack):
    """`python -m bot clock`: the scheduler alone (web processes run `serve --no-scheduler`)."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from bot.db.engine import utcnow

    root = Path(__file__).resolve().parents[2]
    slot = utcnow().replace(second=0, microsecond=0) - timedelta(minutes=10)
    make_channel(db, "C0CLOCK", created=slot - timedelta(days=1), schedule=f"daily {slot:%H:%M}", timezone="UTC")
    add_briefs(db, "C0CLOCK", 2, finished_at=slot - timedelta(hours=1))
    env = {**os.environ, "DATABASE_URL": db.url, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": slack.api_url,
           "PYTHONPATH": str(root)}
    child = subprocess.Popen([sys.executable, "-m", "bot", "clock"], cwd=root, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        slack.wait_for("chat.postMessage", 1, timeout=30)
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=20) == 0
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()
    assert posted_channels(slack) == ["C0CLOCK"]
