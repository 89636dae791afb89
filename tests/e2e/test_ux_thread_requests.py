"""Briefs on request for old messages: `@Verdict` alone in a thread briefs the parent message's links, and
the "Brief this link" message shortcut briefs any message's links in its thread (issue 12, item 11).

Over real HTTP with signed requests; the parent messages live in the fake Slack's history.
"""

from __future__ import annotations

import json

from fakes.harness import brief_posts, thread_posts
from fakes.signing import mention_event, next_ts, post_action, post_event, post_slash
from fakes.slack import TEAM_ID

from bot.slack.shortcuts import BRIEF_SHORTCUT_ID, is_bare_mention


def test_bare_mention_in_a_thread_briefs_the_parent_messages_links(verdict, slack, pages):
    post_slash(verdict.base_url, "unwatch", channel_id="C21")  # nothing briefed it when it was shared
    parent = next_ts()
    slack.add_message("C21", {"type": "message", "user": "UBOB", "ts": parent,
                              "text": f"old news <{pages.url('/news/21')}> and <{pages.url('/news/22')}>"})
    body = mention_event("C21", "<@UVERDICT>", thread_ts=parent)
    assert post_event(verdict.base_url, body)[0] == 200
    posts = brief_posts(slack, "C21", parent, count=2)
    text = json.dumps([p.body["blocks"] for p in posts])
    assert "request number 21" in text and "request number 22" in text
    # a retry of the same event adds nothing
    assert post_event(verdict.base_url, body, retry_num=1)[0] == 200
    verdict.settled()
    assert len(thread_posts(slack, "C21", parent)) == 2


def test_bare_mention_in_a_thread_without_links_says_so(verdict, slack, pages):
    parent = next_ts()
    slack.add_message("C22", {"type": "message", "user": "UBOB", "ts": parent, "text": "lunch?"})
    post_event(verdict.base_url, mention_event("C22", "<@UVERDICT> ", thread_ts=parent))
    [answer] = brief_posts(slack, "C22", parent)
    assert "no link in this thread's first message" in answer.body["text"]


def test_brief_this_link_shortcut_answers_in_the_messages_thread(verdict, slack, pages):
    top, reply = next_ts(), next_ts()
    for message, number in (({"ts": top}, 23), ({"ts": reply, "thread_ts": top}, 24)):
        payload = {"type": "message_action", "callback_id": BRIEF_SHORTCUT_ID, "trigger_id": "t1",
                   "team": {"id": TEAM_ID}, "user": {"id": "UCAROL"}, "channel": {"id": "C23"},
                   "action_ts": next_ts(), "response_url": "https://hooks.invalid/x",
                   "message": {"type": "message", "user": "UBOB", "text": f"<{pages.url(f'/news/{number}')}>",
                               **message}}
        assert post_action(verdict.base_url, payload)[0] == 200
    posts = brief_posts(slack, "C23", top, count=2)  # both in the top message's thread
    text = json.dumps([p.body["blocks"] for p in posts])
    assert "request number 23" in text and "request number 24" in text


def test_shortcut_on_a_message_without_links_answers_privately(verdict, slack):
    payload = {"type": "message_action", "callback_id": BRIEF_SHORTCUT_ID, "trigger_id": "t2",
               "team": {"id": TEAM_ID}, "user": {"id": "UCAROL"}, "channel": {"id": "C24"},
               "action_ts": next_ts(), "message": {"type": "message", "ts": next_ts(), "text": "no links"}}
    assert post_action(verdict.base_url, payload)[0] == 200
    answer = slack.wait_for("chat.postEphemeral")[0]
    assert answer.body["user"] == "UCAROL" and "no link" in answer.body["text"]


def test_is_bare_mention():
    assert is_bare_mention("<@UVERDICT>") and is_bare_mention(" <@UVERDICT|verdict> ?")
    assert not is_bare_mention("<@UVERDICT> help") and not is_bare_mention("") and not is_bare_mention(None)
