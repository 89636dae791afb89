"""Digests as readers see them (issue 12, items 4–6): nobody pinged, titles linking to articles, dates as
Slack date tokens, pending first, big digests compact at the top with the full list in the thread, and
the same story once. Real database, the Digester, the fake Slack over HTTP."""

from __future__ import annotations

import json
import re

import pytest
from fakes.digests import add_briefs, digest_titles, make_brief

from bot.db.tables import BriefRow, LinkJob
from bot.digests.digester import Digester
from bot.models import Status
from bot.slack.client import ChannelPacer, SlackPoster, make_web_client

CHANNEL = "C0BIG"


@pytest.fixture
def env(db, slack, settings):
    s = settings(database_url=db.url, slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
    return s, db, SlackPoster(make_web_client(s), pacer=ChannelPacer(0.0))


def digest_posts(slack):
    return [c for c in slack.posts(CHANNEL) if (c.body.get("metadata") or {}).get("event_type") == "verdict_digest"]


def _share_again(db, job_id: int, *, new_brief: bool) -> None:
    """The same story shared a second time (another message; the same brief, or a re-fetched copy)."""
    with db.session() as s:
        job = s.get(LinkJob, job_id)
        brief_id = job.brief_id
        if new_brief:
            old = s.get(BriefRow, job.brief_id)
            copy = BriefRow(url_key=old.url_key + "?amp", status=old.status, title=old.title,
                            brief_json=old.brief_json, created_at=old.created_at)
            s.add(copy)
            s.flush()
            brief_id = copy.id
        s.add(LinkJob(team_id=job.team_id, channel_id=job.channel_id, message_ts=job.message_ts + "9",
                      thread_ts=job.thread_ts + "9", user_id="U0SECOND", url=job.url, url_key=job.url_key + "?amp",
                      fresh=False, state="done", attempts=1, next_attempt_at=job.next_attempt_at, brief_id=brief_id,
                      created_at=job.created_at, finished_at=job.finished_at))


def test_a_65_brief_digest_is_one_compact_message_and_the_full_list_in_its_thread(env, slack):
    settings, db, poster = env
    statuses = [Status.APPROVED, Status.DECLINED, Status.PENDING, Status.PARTIAL, Status.UNKNOWN]
    ids = add_briefs(db, CHANNEL, 65, statuses=statuses)
    _share_again(db, ids[0], new_brief=False)
    _share_again(db, ids[1], new_brief=True)  # a second fetch of the same story: listed once as well
    outcome = Digester(settings, db, poster).run(CHANNEL)
    assert outcome.state == "posted"

    posts = digest_posts(slack)
    top = [p for p in posts if "thread_ts" not in p.body]
    thread = [p for p in posts if p.body.get("thread_ts") == outcome.message_ts]
    assert len(top) == 1 and len(thread) == len(posts) - 1 >= 2
    assert len(top[0].body["blocks"]) <= 20
    overview = json.dumps(top[0].body["blocks"])
    assert "13 pending" in overview and "The full list of 65 briefs is in the thread" in overview
    # everything is in the thread, each story once, pending first
    listed = digest_titles(thread)
    assert sorted(listed) == sorted(make_brief(i).title for i in range(65))
    first_statuses = [make_brief(int(re.match(r"Story (\d+)", t).group(1)), statuses[int(
        re.match(r"Story (\d+)", t).group(1)) % 5]).status for t in listed[:13]]
    assert set(first_statuses) == {Status.PENDING}
    for post in posts:
        assert len(post.body["blocks"]) <= 50


def test_digests_ping_nobody_and_show_names_links_and_date_tokens(env, slack):
    settings, db, poster = env
    slack.users["U0SHARER"] = {"profile": {"display_name": "Alice <!channel> Chen"}}
    add_briefs(db, CHANNEL, 3, user_id="U0SHARER")
    add_briefs(db, CHANNEL, 3, start=10, user_id="U0OTHER")
    Digester(settings, db, poster).run(CHANNEL)
    [post] = digest_posts(slack)
    everything = json.dumps(post.body)
    assert "<@U" not in everything and "<!channel>" not in everything
    assert "shared by Alice &lt;!channel&gt; Chen" in everything and "shared by display-U0OTHER" in everything
    assert "<https://news.example.org/story/1|Story 1:" in everything  # titles link to the article
    assert "|thread>" in everything and "<!date^" in everything
    # one users.info per person, not per brief
    asked = [c.body["user"] for c in slack.calls_to("users.info")]
    assert sorted(asked) == ["U0OTHER", "U0SHARER"]
