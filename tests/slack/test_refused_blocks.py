"""Issue 11 item 15: when Slack refuses a brief's blocks, the plain-text version is posted instead
and the refused blocks are logged. Over real HTTP: signed event → app → workers → the fake Slack,
which answers `invalid_blocks` / `msg_too_long` to the first post."""

from __future__ import annotations

import json
import logging

import pytest
from fakes.harness import brief_posts
from fakes.signing import message_event, post_event


@pytest.mark.parametrize("code", ["invalid_blocks", "msg_too_long"])
def test_a_refused_brief_is_posted_as_plain_text(verdict, slack, pages, caplog, code):
    caplog.set_level(logging.INFO)
    slack.fail("chat.postMessage", code, times=1, channel="C1")
    body = message_event("C1", f"<{pages.url('/news/4')}>")
    assert post_event(verdict.base_url, body)[0] == 200
    [post] = brief_posts(slack, "C1", body["event"]["ts"])
    assert "blocks" not in post.body
    for part in ("Requester:", "Request:", "Status:", "Decision:", "Reason:"):
        assert part in post.body["text"]
    [refused] = [c for c in slack.calls_to("chat.postMessage") if c.body.get("_answered") == code]
    [line] = [r.getMessage() for r in caplog.records if "refused the blocks" in r.getMessage()]
    assert code in line and json.dumps(refused.body["blocks"], ensure_ascii=True)[:200] in line
    assert "\n" not in line
    # the job is done with the plain post as its reply: nothing else is posted
    assert len(slack.posts("C1")) == 1


def test_other_refusals_are_not_reposted(verdict, slack, pages):
    slack.fail("chat.postMessage", "not_in_channel", times=1, channel="C2")
    body = message_event("C2", f"<{pages.url('/news/5')}>")
    assert post_event(verdict.base_url, body)[0] == 200
    slack.wait_for("chat.postMessage", where=lambda c: c.body.get("channel") == "C2")
    slack.wait_for("reactions.remove", where=lambda c: c.body.get("channel") == "C2")
    assert slack.posts("C2") == []
