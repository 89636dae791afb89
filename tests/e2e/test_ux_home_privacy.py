"""App Home shows each viewer only briefs from conversations they are a member of (issue 11, item 1).

Three people, a public channel, a private channel and a DM — over real HTTP, signed events, the real
workers and database; membership comes from the fake Slack's `users.conversations`.
"""

from __future__ import annotations

import json

from fakes.harness import brief_posts
from fakes.signing import event_body, message_event, post_event
from fakes.slack import BOT_USER_ID

from bot.slack.membership import Membership


def _share(verdict, pages, channel: str, number: int, *, channel_type: str = "channel") -> None:
    body = message_event(channel, f"<{pages.url(f'/news/{number}')}>", channel_type=channel_type,
                         user="UALICE" if channel != "D0CAROL" else "UCAROL")
    assert post_event(verdict.base_url, body)[0] == 200
    brief_posts(verdict.slack, channel, body["event"]["ts"])


def _home_of(verdict, user: str) -> str:
    before = len(verdict.slack.calls_to("views.publish", lambda c: c.body.get("user_id") == user))
    opened = event_body({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"})
    assert post_event(verdict.base_url, opened)[0] == 200
    call = verdict.slack.wait_for("views.publish", before + 1, where=lambda c: c.body.get("user_id") == user)[-1]
    return json.dumps(call.body["view"]["blocks"])


def test_each_viewer_sees_only_their_conversations(verdict, slack, pages):
    slack.members.update({
        "C0PUBLIC": [BOT_USER_ID, "UALICE", "UBOB", "UCAROL"],
        "G0SECRET": [BOT_USER_ID, "UALICE", "UBOB"],
        "D0CAROL": [BOT_USER_ID, "UCAROL"],
    })
    slack.kinds.update({"G0SECRET": "private", "D0CAROL": "im"})
    _share(verdict, pages, "C0PUBLIC", 31)
    _share(verdict, pages, "G0SECRET", 32)
    _share(verdict, pages, "D0CAROL", 33, channel_type="im")

    alice, bob, carol = (_home_of(verdict, u) for u in ("UALICE", "UBOB", "UCAROL"))
    assert "request number 31" in alice and "request number 32" in alice and "request number 33" not in alice
    assert "request number 31" in bob and "request number 32" in bob and "request number 33" not in bob
    assert "request number 31" in carol and "request number 33" in carol and "request number 32" not in carol
    # channel ids of conversations one isn't in don't show either (the settings part of the tab)
    assert "G0SECRET" not in carol and "D0CAROL" not in alice and "D0CAROL" not in bob
    # someone in none of them sees none of it
    stranger = _home_of(verdict, "UMALLORY")
    assert "request number" not in stranger and "G0SECRET" not in stranger


def test_when_slack_cannot_say_nothing_is_shown(verdict, slack, pages):
    slack.members["C0PUBLIC"] = [BOT_USER_ID, "UALICE"]
    _share(verdict, pages, "C0PUBLIC", 34)
    slack.fail("users.conversations", "ratelimited_hard", times=1)
    text = _home_of(verdict, "UALICE")
    assert "request number 34" not in text and "couldn't check which channels you are in" in text
    # the next opening asks again (failures are not cached) and shows it
    assert "request number 34" in _home_of(verdict, "UALICE")


def test_membership_is_cached_for_its_ttl_and_bounded(slack):
    from slack_sdk import WebClient

    from bot.slack.client import SlackPoster

    poster = SlackPoster(WebClient(token="xoxb-t", base_url=slack.api_url))
    now = [0.0]
    members = Membership(poster, ttl=60, max_users=2, clock=lambda: now[0])
    slack.members["C1"] = ["UALICE", "UBOB", "UCAROL"]
    assert members.conversations("UALICE") == frozenset({"C1"})
    members.conversations("UALICE")
    assert len(slack.calls_to("users.conversations")) == 1  # cached
    slack.members["G1"] = ["UALICE"]
    now[0] = 61  # expired: asked again, the new private channel shows
    assert members.conversations("UALICE") == frozenset({"C1", "G1"})
    members.conversations("UBOB")
    members.conversations("UCAROL")
    assert len(members._cache) == 2 and "UALICE" not in members._cache  # least recently used out
