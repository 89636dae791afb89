"""Issue 11 items 13 and 14, over real HTTP against the running app.

14: in a conversation Verdict is not in, `/verdict watch|status|schedule|digest` say "invite me first"
(with how) instead of claiming to watch or promising a digest, and `/verdict summarize` answers
through the command's `response_url`, which works anywhere.
13: the "Why?" modal opens at once while slash-command fetches keep the other pools busy, and the
slash command's fetch and CPU work never run on the request threads.
"""

from __future__ import annotations

import json
import time

import pytest
from fakes.signing import event_body, post_action, post_event, post_form
from fakes.slack import BOT_USER_ID, TEAM_ID, FakeSlack

from bot.db.engine import list_channels

OUTSIDE = {"CPUBLIC": "not a member", "DOTHERS": "channel_not_found"}


class PartlyJoinedSlack(FakeSlack):
    """Verdict is in every channel except CPUBLIC (public: it can see it, is_member false) and DOTHERS
    (someone else's DM: invisible). Posting there fails with not_in_channel, as in Slack."""

    def _answer(self, method, body):
        channel = body.get("channel")
        if channel in OUTSIDE:
            if method == "conversations.info":
                if OUTSIDE[channel] == "channel_not_found":
                    return {"ok": False, "error": "channel_not_found"}
                return {"ok": True, "channel": {"id": channel, "is_channel": True, "is_member": False}}
            if method.startswith("chat."):
                return {"ok": False, "error": "not_in_channel"}
        return super()._answer(method, body)


@pytest.fixture
def slack():
    with PartlyJoinedSlack() as fake:
        yield fake


def slash(verdict, slack, text, channel, *, response_url=None):
    fields = {"token": "legacy", "team_id": TEAM_ID, "channel_id": channel, "channel_name": "x", "user_id": "UALICE",
              "user_name": "alice", "command": "/verdict", "text": text, "trigger_id": "1.2.3", "api_app_id": "AFAKE",
              "response_url": response_url or slack.api_url.replace("/api/", "/hooks/commands/T0TEAM/respond")}
    status, body = post_form(verdict.base_url, fields)
    assert status == 200
    return json.loads(body)


@pytest.mark.parametrize("channel", list(OUTSIDE))
@pytest.mark.parametrize("text", ["watch", "status", "schedule daily 09:00", "digest"])
def test_commands_that_need_verdict_there_say_invite_me_first(verdict, slack, channel, text):
    answer = slash(verdict, slack, text, channel)
    assert "isn't in this conversation" in answer["text"] and "/invite @Verdict" in answer["text"]
    assert channel not in {c.id for c in list_channels(verdict.server.db)}  # nothing claimed or stored
    time.sleep(0.3)
    assert slack.calls_to("chat.postMessage") == [] and slack.calls_to("chat.postEphemeral") == []


def test_after_the_invite_the_same_command_works_at_once(verdict, slack, monkeypatch):
    assert "isn't in this conversation" in slash(verdict, slack, "watch", "CPUBLIC")["text"]  # and cached
    monkeypatch.delitem(OUTSIDE, "CPUBLIC")  # someone types /invite @Verdict there
    joined = event_body({"type": "member_joined_channel", "user": BOT_USER_ID, "channel": "CPUBLIC",
                         "channel_type": "C", "team": TEAM_ID})
    assert post_event(verdict.base_url, joined)[0] == 200
    assert "is watching" in slash(verdict, slack, "watch", "CPUBLIC")["text"]  # not a minute later


@pytest.mark.parametrize("channel", list(OUTSIDE))
def test_summarize_answers_through_the_response_url_where_verdict_is_not(verdict, slack, pages, channel):
    answer = slash(verdict, slack, f"summarize {pages.url('/news/21')}", channel)
    assert "only you can see it" in answer["text"]
    [response] = slack.wait_for("respond", timeout=20)
    assert response.body["response_type"] == "ephemeral" and response.body["replace_original"] is False
    assert "rejects request number 21" in json.dumps(response.body["blocks"])
    assert slack.calls_to("chat.postEphemeral") == []


def test_the_brief_this_link_shortcut_where_verdict_is_not_says_invite_me_first(verdict, slack, pages):
    from bot.slack.shortcuts import BRIEF_SHORTCUT_ID

    payload = {"type": "message_action", "callback_id": BRIEF_SHORTCUT_ID, "trigger_id": "t9",
               "team": {"id": TEAM_ID}, "user": {"id": "UALICE"}, "channel": {"id": "CPUBLIC"},
               "action_ts": "1700000500.000100",
               "response_url": slack.api_url.replace("/api/", "/hooks/commands/T0TEAM/respond"),
               "message": {"type": "message", "ts": "1700000400.000100", "user": "UBOB",
                           "text": f"<{pages.url('/news/22')}>"}}
    assert post_action(verdict.base_url, payload)[0] == 200
    [response] = slack.wait_for("respond", timeout=20)
    assert "isn't in this conversation" in response.body["text"] and "/invite @Verdict" in response.body["text"]
    verdict.settled()
    assert [c for c in slack.calls_to("chat.postMessage") if c.body.get("_answered") == "ok"] == []


def test_help_and_member_channels_are_unchanged(verdict, slack):
    assert "/verdict" in slash(verdict, slack, "help", "CPUBLIC")["text"]
    assert "is watching" in slash(verdict, slack, "watch", "CIN")["text"]


def test_the_why_modal_opens_at_once_while_slash_fetches_keep_the_pools_busy(verdict, slack, pages):
    # eight slow pages (2 s each): before, these filled the after-ack pool the "Why?" click queued on
    for n in range(8):
        started = time.monotonic()
        assert "only you can see it" in slash(verdict, slack, f"summarize {pages.url(f'/slow/{n}')}", "CIN")["text"]
        assert time.monotonic() - started < 2.5  # inside Slack's 3 s: the ack never waits for the 2 s fetch
    payload = {"type": "block_actions", "team": {"id": TEAM_ID}, "user": {"id": "UALICE"}, "api_app_id": "AFAKE",
               "trigger_id": "trig-9", "channel": {"id": "CIN"},
               "actions": [{"type": "button", "action_id": "verdict_why", "value": "job:1", "block_id": "b"}]}
    clicked = time.monotonic()
    assert post_action(verdict.base_url, payload)[0] == 200
    [opened] = slack.wait_for("views.open", timeout=10)
    assert opened.at - clicked < 3.0, f"past the trigger_id's 3 s window: the modal took {opened.at - clicked:.1f} s"
    assert len(slack.wait_for("respond", 8, timeout=30)) == 8


def test_a_response_url_elsewhere_is_never_called(verdict, slack, pages):
    # signed requests come from Slack, but a response_url Verdict would POST to must still be Slack's
    slash(verdict, slack, f"summarize {pages.url('/news/22')}", "CIN", response_url=pages.url("/steal"))
    slack.wait_for("chat.postEphemeral", timeout=20)
    assert pages.hits["/steal"] == 0


