"""The schedule grammar, words back, next runs, cron's weekday meaning, and DST (pure; no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger

from bot.digests.grammar import (
    ScheduleError,
    describe,
    fire_times,
    format_local,
    next_run,
    parse_schedule,
    previous_run,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
TOKYO = ZoneInfo("Asia/Tokyo")
# Sunday 1 December 2024, noon UTC
SUNDAY_NOON = datetime(2024, 12, 1, 12, 0, tzinfo=UTC)


def local_fires(spec: str, tz: str, start: datetime, days: int) -> list[str]:
    trigger = parse_schedule(spec, check_interval=False).trigger(tz)
    zone = ZoneInfo(tz)
    return [t.astimezone(UTC).astimezone(zone).strftime("%a %Y-%m-%d %H:%M %Z")
            for t in fire_times(trigger, start, start + timedelta(days=days))]


# --- the grammar ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "canonical", "cron", "words"), [
    ("daily 09:00", "daily 09:00", "0 9 * * *", "every day at 09:00"),
    ("Daily 9:05", "daily 09:05", "5 9 * * *", "every day at 09:05"),
    ("daily 9am", "daily 09:00", "0 9 * * *", "every day at 09:00"),
    ("daily 5:30pm", "daily 17:30", "30 17 * * *", "every day at 17:30"),
    ("daily 12am", "daily 00:00", "0 0 * * *", "every day at 00:00"),
    ("weekdays 17:30", "weekdays 17:30", "30 17 * * 1-5", "Monday to Friday at 17:30"),
    ("weekly mon 09:00", "weekly mon 09:00", "0 9 * * 1", "every Monday at 09:00"),
    ("weekly Friday 16:00", "weekly fri 16:00", "0 16 * * 5", "every Friday at 16:00"),
    ("weekly sun 08:00", "weekly sun 08:00", "0 8 * * 0", "every Sunday at 08:00"),
    ("monthly 1 09:00", "monthly 1 09:00", "0 9 1 * *", "on day 1 of every month at 09:00"),
    ("monthly 15th 10:00", "monthly 15 10:00", "0 10 15 * *", "on day 15 of every month at 10:00"),
    ("0 9 * * 1-5", "0 9 * * 1-5", "0 9 * * 1-5", "Monday to Friday at 09:00"),
    ("0 9 * * MON-FRI", "0 9 * * mon-fri", "0 9 * * mon-fri", "Monday to Friday at 09:00"),
    ("30 8 * * 0", "30 8 * * 0", "30 8 * * 0", "every Sunday at 08:30"),
    ("30 8 * * 7", "30 8 * * 7", "30 8 * * 7", "every Sunday at 08:30"),
    ("0 9 * * 6,0", "0 9 * * 6,0", "0 9 * * 6,0", "Saturday and Sunday at 09:00"),
    ("0 7 1 * *", "0 7 1 * *", "0 7 1 * *", "on day 1 of every month at 07:00"),
    ("@weekly", "@weekly", "0 0 * * 0", "every Sunday at 00:00"),
    ("@daily", "@daily", "0 0 * * *", "every day at 00:00"),
])
def test_every_form_parses_and_reads_back(text, canonical, cron, words):
    schedule = parse_schedule(text)
    assert (schedule.canonical, schedule.cron, schedule.words) == (canonical, cron, words)
    assert schedule.timezone is None and schedule.destination_id is None
    # the canonical form is itself valid and means the same
    again = parse_schedule(schedule.canonical)
    assert again.cron == schedule.cron


def test_timezone_and_destination():
    schedule = parse_schedule("weekly fri 16:00 Europe/Berlin to <#C0LEAD123|leadership>")
    assert schedule.canonical == "weekly fri 16:00"
    assert schedule.timezone == "Europe/Berlin"
    assert (schedule.destination_id, schedule.destination_name) == ("C0LEAD123", "leadership")
    assert describe(schedule) == "every Friday at 16:00 (Europe/Berlin), posted in <#C0LEAD123>"
    # Slack may send the mention without a label, or a private channel (G…); a bare id works too
    assert parse_schedule("daily 09:00 to <#G0PRIVATE1>").destination_id == "G0PRIVATE1"
    assert parse_schedule("0 9 * * 1-5 America/New_York to C0LEAD1234").destination_id == "C0LEAD1234"
    assert parse_schedule("daily 09:00 UTC").timezone == "UTC"
    assert parse_schedule("daily 09:00 America/Argentina/Buenos_Aires").timezone == "America/Argentina/Buenos_Aires"


def test_off():
    schedule = parse_schedule("off")
    assert schedule.off and schedule.cron is None and schedule.trigger() is None
    assert next_run(schedule, "UTC", SUNDAY_NOON) is None
    assert describe(schedule) == "off (no digests)"


@pytest.mark.parametrize(("text", "says"), [
    ("", "say when"),
    ("fortnightly", "I don't know the schedule `fortnightly`"),
    ("every day at nine", "`nine` is not a time"),
    ("daily", "`daily` takes one time"),
    ("daily 25:00", "`25:00` is not a time of day"),
    ("daily 09:60", "`09:60` is not a time of day"),
    ("daily 0900", "`0900` is not a time"),
    ("daily 13pm", "`13pm` is not a time"),
    ("weekly 09:00", "`weekly` takes a day and a time"),
    ("weekly xyz 09:00", "`xyz` is not a day of the week"),
    ("monthly 32 09:00", "`32` is not a day of the month"),
    ("monthly 0 09:00", "`0` is not a day of the month"),
    ("0 9 * *", "a crontab has 5 fields"),
    ("0 9 * * * *", "a crontab has 5 fields"),
    ("0 99 * * *", "bad crontab"),
    ("0 9 * * 8", "weekday `8` is out of range"),
    ("0 9 * * 5-1", "runs backwards"),
    ("0 9 * * funday", "`funday` is not a day of the week"),
    ("0 9 * * */0", "bad step"),
    ("* * * * *", "more than one digest an hour"),
    ("*/15 9 * * *", "more than one digest an hour"),
    ("daily 09:00 Mars/Olympus", "unknown timezone `Mars/Olympus`"),
    ("daily 09:00 to #leadership", "pick it from Slack's # list"),
    ("daily 09:00 to", "after `to`, name one channel"),
    ("daily 09:00 to <#C1|a> <#C2|b>", "after `to`, name one channel"),
    ("daily 09:00 to leadership", "is not a channel"),
    ("off now", "`off` takes nothing after it"),
])
def test_bad_specs_get_one_line_with_an_example(text, says):
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(text)
    message = str(caught.value)
    assert says in message
    assert "\n" not in message
    assert "e.g. `weekdays 09:00`" in message


# --- cron's weekday numbers (APScheduler's from_crontab would be off by one) ----------------------

def test_crontab_weekdays_mean_what_cron_means():
    # Monday 2 Dec 2024 00:00 UTC; a week of 09:00 digests for `0 9 * * 1-5`
    monday = datetime(2024, 12, 2, tzinfo=UTC)
    fires = local_fires("0 9 * * 1-5", "UTC", monday - timedelta(seconds=1), 7)
    assert [f[:3] for f in fires] == ["Mon", "Tue", "Wed", "Thu", "Fri"]
    # the trap this avoids: APScheduler's own from_crontab fires Tuesday to Saturday
    naive = CronTrigger.from_crontab("0 9 * * 1-5", timezone=UTC)
    days, t = [], naive.get_next_fire_time(None, monday)
    for _ in range(5):
        days.append(t.strftime("%a"))
        t = naive.get_next_fire_time(t, t)
    assert days == ["Tue", "Wed", "Thu", "Fri", "Sat"]


@pytest.mark.parametrize(("dow", "days"), [
    ("0", ["Sun"]), ("7", ["Sun"]), ("1", ["Mon"]), ("6", ["Sat"]),
    ("1-5", ["Mon", "Tue", "Wed", "Thu", "Fri"]), ("mon-fri", ["Mon", "Tue", "Wed", "Thu", "Fri"]),
    ("5-7", ["Fri", "Sat", "Sun"]), ("sat-sun", ["Sat", "Sun"]), ("0,6", ["Sat", "Sun"]),
    ("*/2", ["Tue", "Thu", "Sat", "Sun"]), ("1-5/2", ["Mon", "Wed", "Fri"]), ("sun,wed", ["Wed", "Sun"]),
])
def test_weekday_field(dow, days):
    monday = datetime(2024, 12, 2, tzinfo=UTC)
    fires = local_fires(f"0 9 * * {dow}", "UTC", monday - timedelta(seconds=1), 7)
    assert [f[:3] for f in fires] == days


def test_day_of_month_and_weekday_both_set_fire_on_either_like_cron():
    # cron: "0 9 13 * 5" runs on the 13th AND on every Friday (not only Friday the 13th)
    fires = local_fires("0 9 13 * 5", "UTC", datetime(2024, 12, 1, tzinfo=UTC), 31)
    assert [f[4:14] for f in fires] == ["2024-12-06", "2024-12-13", "2024-12-20", "2024-12-27"]
    fires = local_fires("0 9 10 * 5", "UTC", datetime(2024, 12, 1, tzinfo=UTC), 31)
    assert [f[4:14] for f in fires] == ["2024-12-06", "2024-12-10", "2024-12-13", "2024-12-20", "2024-12-27"]


# --- next runs in the schedule's timezone, both sides of UTC ---------------------------------------

@pytest.mark.parametrize(("spec", "tz", "expected"), [
    ("weekdays 09:00", "UTC", "Mon 2 Dec 2024, 09:00 UTC"),
    ("daily 09:00", "America/New_York", "Sun 1 Dec 2024, 09:00 EST"),     # 14:00 UTC, still ahead
    ("daily 09:00", "Asia/Tokyo", "Mon 2 Dec 2024, 09:00 JST"),           # 21:00 JST already passed
    ("daily 23:30", "Pacific/Auckland", "Mon 2 Dec 2024, 23:30 NZDT"),
    ("weekly fri 16:00", "Europe/Berlin", "Fri 6 Dec 2024, 16:00 CET"),
    ("monthly 1 09:00", "Europe/Berlin", "Wed 1 Jan 2025, 09:00 CET"),
    ("0 9 * * 0", "UTC", "Sun 8 Dec 2024, 09:00 UTC"),
])
def test_next_run_in_the_schedules_timezone(spec, tz, expected):
    assert format_local(next_run(parse_schedule(spec), tz, SUNDAY_NOON)) == expected


def test_timezone_in_the_spec_wins_over_the_default():
    schedule = parse_schedule("daily 09:00 Asia/Tokyo")
    upcoming = next_run(schedule, "America/New_York", SUNDAY_NOON)
    assert upcoming.tzinfo == TOKYO and upcoming.hour == 9
    assert upcoming.astimezone(UTC) == datetime(2024, 12, 2, 0, 0, tzinfo=UTC)


def test_previous_run():
    trigger = parse_schedule("weekdays 09:00").trigger("UTC")
    # Sunday noon: the last weekday 09:00 was Friday
    assert previous_run(trigger, SUNDAY_NOON, within=timedelta(days=3)) == datetime(2024, 11, 29, 9, tzinfo=UTC)
    assert previous_run(trigger, SUNDAY_NOON, within=timedelta(hours=6)) is None


# --- DST --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("tz", "day"), [
    ("Europe/Berlin", datetime(2024, 3, 31)),     # 02:00 → 03:00, north of the equator, east of UTC
    ("America/New_York", datetime(2024, 3, 10)),  # west of UTC
    ("Australia/Sydney", datetime(2024, 10, 6)),  # southern hemisphere: spring in October
])
def test_spring_forward_02_30_fires_once_and_never_hangs(tz, day):
    zone = ZoneInfo(tz)
    start = (day - timedelta(days=1)).replace(tzinfo=zone)
    fires = local_fires("daily 02:30", tz, start, 3)
    assert len(fires) == 3  # the day before, the change day, the day after: once each
    change_day = [f for f in fires if f[4:14] == day.strftime("%Y-%m-%d")]
    assert len(change_day) == 1
    assert change_day[0][15:20] == "03:30"  # 02:30 doesn't exist that night: it runs an hour later
    # the next run, asked at any minute of the change night, is always ahead and found at once
    trigger = parse_schedule("daily 02:30").trigger(tz)
    moment = day.replace(hour=1, tzinfo=zone)
    for _ in range(4 * 60):
        upcoming = trigger.get_next_fire_time(None, moment)
        assert upcoming.timestamp() > moment.timestamp() - 1
        moment += timedelta(minutes=1)


@pytest.mark.parametrize(("tz", "day"), [
    ("Europe/Berlin", datetime(2024, 10, 27)),    # 03:00 → 02:00: 02:30 happens twice
    ("America/New_York", datetime(2024, 11, 3)),  # 02:00 → 01:00: 01:30 happens twice
    ("Australia/Sydney", datetime(2024, 4, 7)),
])
def test_fall_back_fires_once(tz, day):
    zone = ZoneInfo(tz)
    start = (day - timedelta(days=1)).replace(tzinfo=zone)
    for spec in ("daily 02:30", "daily 01:30", "30 * * * *"):
        trigger = parse_schedule(spec, check_interval=False).trigger(tz)
        times = fire_times(trigger, start, start + timedelta(days=3))
        walls = [t.astimezone(UTC).astimezone(zone).strftime("%Y-%m-%d %H:%M") for t in times]
        assert len(walls) == len(set(walls)), f"{spec} fired a wall-clock time twice: {walls}"
    # and the repeated hour doesn't skip the next day
    daily = local_fires("daily 02:30", tz, start, 3)
    assert len(daily) == 3


def test_next_run_on_spring_forward_day_shows_a_real_time():
    schedule = parse_schedule("daily 02:30 Europe/Berlin")
    upcoming = next_run(schedule, "UTC", datetime(2024, 3, 30, 12, tzinfo=UTC))
    assert format_local(upcoming) == "Sun 31 Mar 2024, 03:30 CEST"


def test_every_five_minutes_through_the_repeated_hour_keeps_going():
    # a frequent operator schedule (DIGEST_SCHEDULE is not limited to hourly) skips the whole second pass
    trigger = parse_schedule("*/5 * * * *", check_interval=False).trigger("Europe/Berlin")
    start = datetime(2024, 10, 27, 1, 0, tzinfo=BERLIN)
    times = fire_times(trigger, start, start.astimezone(UTC) + timedelta(hours=4))  # 4 real hours: to 04:00
    walls = [t.astimezone(UTC).astimezone(BERLIN).strftime("%H:%M") for t in times]
    assert len(walls) == len(set(walls)) == 12 * 3  # 01:05 … 04:00 local, the repeated 02:xx once
    assert (walls[0], walls[-1]) == ("01:05", "04:00")


@pytest.mark.parametrize(("text", "cron"), [
    ("OFF", None),
    ("Off", None),
    ("DAILY 9AM", "0 9 * * *"),
    ("weekdays 5:30PM", "30 17 * * 1-5"),
    ("0 9 * * MON", "0 9 * * mon"),
    ("0 9 * * SUN", "0 9 * * sun"),
])
def test_capitals_are_not_mistaken_for_a_timezone(text, cron):
    # the grammar is case-insensitive; only a real zone name typed in capitals (CET, EST5EDT) is a timezone
    schedule = parse_schedule(text)
    assert schedule.cron == cron
    assert schedule.timezone is None


def test_a_zone_abbreviation_in_capitals_is_still_a_timezone():
    assert parse_schedule("daily 09:00 CET").timezone == "CET"
