"""Schedules as people type them (issue 12, items 7–8): natural phrasings, timezones in any case, a clear
answer for abbreviations, one look-back grammar, and the asker's Slack timezone by default."""

from __future__ import annotations

import pytest
from fakes.signing import post_slash

from bot.db.engine import get_channel
from bot.digests.grammar import ScheduleError, parse_lookback, parse_schedule, with_timezone
from bot.slack.parsing import parse_command


@pytest.mark.parametrize(("text", "canonical", "cron"), [
    ("every monday 9am", "weekly mon 09:00", "0 9 * * 1"),
    ("daily at 9am", "daily 09:00", "0 9 * * *"),
    ("every weekday 8:30", "weekdays 08:30", "30 8 * * 1-5"),
    ("mon-fri 8:30", "weekdays 08:30", "30 8 * * 1-5"),
    ("mondays and thursdays 10:00", "mon,thu 10:00", "0 10 * * 1,4"),
    ("tuesdays 14:00", "weekly tue 14:00", "0 14 * * 2"),
    ("hourly", "hourly", "0 * * * *"),
    ("every day at 9 am", "daily 09:00", "0 9 * * *"),
    ("weekends at noon", "sat,sun 12:00", "0 12 * * 0,6"),
    ("Every Friday at 4:30pm", "weekly fri 16:30", "30 16 * * 5"),
    # the forms that worked before still do
    ("weekdays 17:30", "weekdays 17:30", "30 17 * * 1-5"),
    ("0 9 * * 1-5", "0 9 * * 1-5", "0 9 * * 1-5"),
])
def test_natural_phrasings_parse_to_the_right_schedule(text, canonical, cron):
    schedule = parse_schedule(text)
    assert (schedule.canonical, schedule.cron) == (canonical, cron)
    assert parse_schedule(schedule.canonical).cron == cron  # what is stored reads back the same


def test_timezones_in_any_case_and_abbreviations_get_the_zone_to_use():
    assert parse_schedule("every monday 9am europe/berlin").timezone == "Europe/Berlin"
    assert parse_schedule("daily 9:00 AMERICA/NEW_YORK to <#C0LEAD|lead>").timezone == "America/New_York"
    with pytest.raises(ScheduleError) as caught:
        parse_schedule("daily 9am PST")
    assert "America/Los_Angeles" in str(caught.value) and "abbreviation" in str(caught.value)
    with pytest.raises(ScheduleError) as caught:
        parse_schedule("weekdays 9:00 cest")
    assert "Europe/Berlin" in str(caught.value)


def test_errors_echo_typed_text_inertly():
    with pytest.raises(ScheduleError) as caught:
        parse_schedule("<!channel> <@U0BOSS>")
    assert "<!channel>" not in str(caught.value) and "&lt;!channel&gt;" in str(caught.value)


def test_one_lookback_grammar_for_the_command_and_the_digester():
    assert parse_command("digest 2w").days == 14 and parse_lookback("2w") == 14
    assert parse_command("<@UVERDICT> digest 30 days").days == 30
    assert parse_command("digest 1 week").days == 7
    assert parse_command("digest soon").name == "help"
    assert parse_command("digest 99w").name == "help"  # beyond 90 days


def test_with_timezone_puts_the_zone_before_the_destination():
    assert with_timezone("weekdays 9:00 to <#C1|x>", "Asia/Tokyo") == "weekdays 9:00 Asia/Tokyo to <#C1|x>"
    assert with_timezone("daily 9:00 Europe/Paris", "Asia/Tokyo") == "daily 9:00 Europe/Paris"
    assert with_timezone("off", "Asia/Tokyo") == "off"


def test_a_schedule_without_timezone_uses_the_askers_slack_timezone(verdict, slack, db_url):
    from bot.db.engine import Database

    slack.users["UALICE"] = {"tz": "Asia/Tokyo"}
    status, answer = post_slash(verdict.base_url, "schedule every monday 9am", channel_id="C41")
    assert status == 200
    assert "every Monday at 09:00 (Asia/Tokyo)" in answer["text"] and "your Slack timezone" in answer["text"]
    db = Database(db_url)
    try:
        channel = get_channel(db, "C41")
        assert (channel.schedule, channel.timezone) == ("weekly mon 09:00", "Asia/Tokyo")
        # a zone typed in the schedule wins over the asker's
        status, answer = post_slash(verdict.base_url, "schedule daily 8:00 europe/berlin", channel_id="C41")
        assert "(Europe/Berlin)" in answer["text"] and "your Slack timezone" not in answer["text"]
        assert get_channel(db, "C41").timezone == "Europe/Berlin"
    finally:
        db.dispose()
