"""Verdict added to a channel says what it will do there, once (issue 12, item 10)."""

from __future__ import annotations

from fakes.signing import event_body, post_event
from fakes.slack import BOT_USER_ID, TEAM_ID

from bot.db.engine import Database, get_channel, utcnow
from bot.digests.scheduler import DigestScheduler


def joined(channel: str, user: str) -> dict:
    return event_body({"type": "member_joined_channel", "user": user, "channel": channel, "channel_type": "C",
                       "team": TEAM_ID, "inviter": "UALICE"})


def test_verdict_joining_posts_one_welcome_and_others_joining_post_nothing(verdict, slack, db_url):
    body = joined("C61", BOT_USER_ID)
    assert post_event(verdict.base_url, body)[0] == 200
    [welcome] = slack.wait_for("chat.postMessage", where=lambda c: c.body.get("channel") == "C61")
    text = welcome.body["text"]
    assert "brief in its thread" in text and "digest" in text
    assert "/verdict unwatch" in text and "/verdict schedule off" in text and "Home" in text
    assert "Monday to Friday at 09:00 (UTC)" in text  # the digest schedule that applies here
    assert "thread_ts" not in welcome.body
    # Slack's retry of the event, and someone else joining: nothing more
    assert post_event(verdict.base_url, body, retry_num=1)[0] == 200
    assert post_event(verdict.base_url, joined("C61", "UBOB"))[0] == 200
    verdict.settled()
    assert len(slack.posts("C61")) == 1
    # the channel is known from the join on: the scheduler has nothing due for slots before it
    db = Database(db_url)
    try:
        assert get_channel(db, "C61").team_id == TEAM_ID
        settings = verdict.server.settings.model_copy(update={"digest_schedule": "0 * * * *"})
        scheduler = DigestScheduler(settings, db, None)
        assert all(channel != "C61" for channel, _ in scheduler.due(utcnow()))
        scheduler.shutdown()
    finally:
        db.dispose()
