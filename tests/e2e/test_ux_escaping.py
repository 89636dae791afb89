"""Nothing from outside becomes a ping, a mention or a disguised link — on every kind of message Verdict
sends (issue 11, item 2): the thread brief (blocks and `text` fallback), the "Why?" modal, failure and
"already briefed" replies, digests (top-level and thread, compact and not), App Home, ephemeral answers
and command replies. Over real HTTP against the fake Slack, with a page whose title and text are hostile."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from fakes.harness import brief_posts
from fakes.pages import article_html
from fakes.signing import event_body, mention_event, message_event, post_action, post_event, post_slash
from fakes.slack import BOT_USER_ID

from bot.errors import HTTPError
from bot.models import Brief, Evidence, Status
from bot.render.blocks import brief_message, failure_message, why_modal
from bot.render.digest import DigestEntry, render_digest

HOSTILE = "<!channel> <!here> Council <@U0BOSS> approves <https://evil.test|click here> plan"
FORBIDDEN = ("<!channel>", "<!here>", "<@U0BOSS>", "<https://evil.test")


def assert_inert(payload) -> None:
    text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    for bad in FORBIDDEN:
        assert bad not in text, f"{bad!r} reached Slack live: {text[:500]}"


def hostile_page(pages) -> str:
    page = article_html(5).replace("<title>", f"<title>{html.escape(HOSTILE)} ", 1)
    page = page.replace("<p>The fishermen", f"<p>{html.escape(HOSTILE)}. The fishermen", 1)
    page = page.replace("<h1>", f"<h1>{html.escape(HOSTILE)} ", 1)
    pages.extra["/hostile"] = ("text/html; charset=utf-8", page.encode())
    return pages.url("/hostile")


def test_every_message_kind_keeps_outside_text_inert(verdict, slack, pages):
    url = hostile_page(pages)
    slack.members["C51"] = [BOT_USER_ID, "UALICE"]
    # the thread brief: blocks and the notification fallback
    body = message_event("C51", f"<{url}>")
    [brief] = brief_posts(slack, "C51", body["event"]["ts"]) if post_event(verdict.base_url, body) else []
    assert "Council" in json.dumps(brief.body)  # the hostile page was briefed, not refused
    assert_inert(brief.body)
    # the same link again: the "already briefed" reply
    again = message_event("C51", f"<{url}>")
    post_event(verdict.base_url, again)
    assert_inert(brief_posts(slack, "C51", again["event"]["ts"])[0].body)
    # a link whose URL itself carries markup fails: the failure line
    dead = message_event("C51", f"<{pages.url('/dead')}?q=&lt;!channel&gt;&lt;@U0BOSS&gt;>")
    post_event(verdict.base_url, dead)
    failure = brief_posts(slack, "C51", dead["event"]["ts"])[0]
    assert "Couldn't brief" in failure.body["text"]
    assert_inert(failure.body)
    # the "Why?" modal
    button = next(e for b in brief.body["blocks"] if b["type"] == "actions" for e in b["elements"])
    post_action(verdict.base_url, {"type": "block_actions", "team": {"id": "T0TEAM"}, "user": {"id": "UALICE"},
                                   "api_app_id": "AFAKE", "trigger_id": "t", "channel": {"id": "C51"},
                                   "actions": [{"type": "button", "action_id": button["action_id"],
                                                "value": button["value"], "block_id": "b", "action_ts": "1"}]})
    assert_inert(slack.wait_for("views.open")[0].body)
    # App Home
    post_event(verdict.base_url, event_body({"type": "app_home_opened", "user": "UALICE", "tab": "home"}))
    home = slack.wait_for("views.publish")[0].body
    assert "Council" in json.dumps(home)
    assert_inert(home)
    # the ephemeral `/verdict summarize` answer, and its immediate acknowledgement
    status, ack = post_slash(verdict.base_url, f"summarize {url}?x=<!channel>", channel_id="C51")
    assert status == 200
    assert_inert(ack)
    assert_inert(slack.wait_for("chat.postEphemeral", timeout=20)[0].body)
    # command replies echoing what was typed
    for typed in ("<!channel> hello <@U0BOSS>", "schedule <!channel> <@U0BOSS>", "digest <!channel>"):
        status, answer = post_slash(verdict.base_url, typed, channel_id="C51")
        assert status == 200
        assert_inert(answer)
    # the digest, posted on request: top-level message and thread
    post_event(verdict.base_url, mention_event("C51", "<@UVERDICT> digest"))
    digest = slack.wait_for("chat.postMessage", where=lambda c: (c.body.get("metadata") or {}).get(
        "event_type") == "verdict_digest")[0]
    assert "Council" in json.dumps(digest.body)
    assert_inert(digest.body)


def _hostile_brief(i: int) -> Brief:
    return Brief(source=f"https://x.test/{i}?q=<!channel>", title=f"{HOSTILE} {i}", site=HOSTILE, summary=HOSTILE,
                 requester=HOSTILE, request=HOSTILE, decided_by=HOSTILE, decision=HOSTILE, reason=HOSTILE,
                 status=[Status.PENDING, Status.APPROVED][i % 2],
                 evidence=Evidence(requester=HOSTILE, request=HOSTILE, decision=HOSTILE, reason=HOSTILE))


def test_renderers_keep_every_field_inert():
    brief = _hostile_brief(1)
    for message in (brief_message(brief, why_value="job:1"), brief_message(brief, inline_evidence=True),
                    failure_message(brief.source, HTTPError(500))):
        assert_inert(message.text)
        assert_inert(message.blocks)
    assert_inert(why_modal(brief))
    now = datetime(2024, 12, 2, tzinfo=UTC)
    for count in (3, 40):  # a small digest and a compact one (overview + full list)
        entries = [DigestEntry(brief=_hostile_brief(i), permalink=f"https://acme.slack.com/archives/C1/p{i}",
                               shared_by="U0BOSS", shared_by_name=HOSTILE, shared_at=now) for i in range(count)]
        messages = render_digest(entries, channel_id="C1", period_end=now, tz=ZoneInfo("UTC"))
        assert len(messages) >= (2 if count > 15 else 1)
        for message in messages:
            assert_inert(message.text)
            assert_inert(message.blocks)
