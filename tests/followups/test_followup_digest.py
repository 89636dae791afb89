"""Digests gain a line "n requests still open, oldest from <date>" (bot.followups.digests)."""

from __future__ import annotations

from datetime import timedelta

from fakes.digests import add_briefs
from fakes.followups import brief, store_brief

from bot.db import followups as repo
from bot.db.engine import utcnow
from bot.digests.digester import Digester
from bot.followups import matching
from bot.slack.client import ChannelPacer, SlackPoster, make_web_client

CHANNEL = "C0GENERAL"


def _digest(settings, db, slack):
    s = settings(database_url=db.url, slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
    return Digester(s, db, SlackPoster(make_web_client(s), pacer=ChannelPacer(0.0))).run(CHANNEL)


def test_a_digest_says_how_many_requests_are_still_open(settings, db, slack):
    when = utcnow() - timedelta(days=5)
    store_brief(db, brief("pending", "Lyon", "to close the old bridge", None, "Bridge decision awaited"),
                channel=CHANNEL, now=when)
    store_brief(db, brief("pending", "Arlo", "to open a ferry line", None, "Ferry awaits"), channel=CHANNEL)
    store_brief(db, brief("pending", "Arlo", "to open a ferry line", None, "Elsewhere"), channel="C0OTHER")
    repo.index_new_briefs(db, matching.match, since=None)
    add_briefs(db, CHANNEL, 2, statuses=["approved"], start=500)
    assert _digest(settings, db, slack).state == "posted"
    [post] = [c for c in slack.posts(CHANNEL) if c.body.get("metadata")]
    line = f"2 requests still open, oldest from {when.day} {when:%b %Y}"
    assert line in post.body["text"].splitlines()[1]
    assert line in str(post.body["blocks"][:4])


def test_no_line_when_nothing_is_open(settings, db, slack):
    add_briefs(db, CHANNEL, 2, statuses=["approved"])
    assert _digest(settings, db, slack).state == "posted"
    [post] = [c for c in slack.posts(CHANNEL) if c.body.get("metadata")]
    assert "still open" not in post.body["text"] and "still open" not in str(post.body["blocks"])
