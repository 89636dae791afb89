"""End to end over real HTTP: signed Slack requests → waitress → Bolt → database → workers → fake Slack.

Real parts: the Bolt app, waitress, the database (SQLite, and PostgreSQL under TEST_POSTGRES_URL),
fetching and extracting local article pages, the heuristic summariser. Slack is `tests/fake_slack.py`.
"""

from __future__ import annotations

import json
import threading
import time
from wsgiref.util import setup_testing_defaults

from fakes.harness import brief_posts, running_verdict, thread_posts
from fakes.signing import (
    event_body,
    mention_event,
    message_event,
    next_ts,
    post_action,
    post_event,
    post_slash,
)
from fakes.slack import BOT_ID, BOT_USER_ID

from bot.db.engine import Database
from bot.db.jobs import message_jobs
from bot.slack.http import make_wsgi_app


def link(pages, path: str) -> str:
    return f"<{pages.url(path)}>"



def finished(slack, channel, ts, count=1, timeout=20):
    """The worker is done with a message once it removed its :eyes: (after posting)."""
    return slack.wait_for("reactions.remove", count, timeout,
                          where=lambda c: c.body.get("channel") == channel and c.body.get("timestamp") == ts)


def test_a_link_gets_one_brief_in_its_thread(verdict, slack, pages):
    body = message_event("C1", f"worth a read {link(pages, '/news/1')}")
    ts = body["event"]["ts"]
    assert post_event(verdict.base_url, body)[0] == 200

    post = brief_posts(slack, "C1", ts)[0]
    assert slack.wait_for("reactions.add", where=lambda c: c.body.get("timestamp") == ts)[0].body["name"] == "eyes"
    finished(slack, "C1", ts)
    blocks = json.dumps(post.body["blocks"])
    assert "rejects request number 1" in blocks and "Local Test Gazette" in blocks
    assert "Why?" in blocks
    text = post.body["text"]
    for part in ("Requester:", "Request:", "Status:", "Decision:", "Reason:"):
        assert part in text
    assert len(thread_posts(slack, "C1", ts)) == 1


def test_a_link_inside_a_thread_is_answered_in_that_thread(verdict, slack, pages):
    parent = next_ts()
    body = message_event("C1", link(pages, "/news/2"), thread_ts=parent)
    assert post_event(verdict.base_url, body)[0] == 200
    assert brief_posts(slack, "C1", parent)[0].body["thread_ts"] == parent


def test_the_same_event_four_times_and_concurrently_gives_one_brief(verdict, slack, pages):
    # Slack's retries: the first delivery, then X-Slack-Retry-Num 1..3
    body = message_event("C2", link(pages, "/news/3"))
    for retry in (None, 1, 2, 3):
        assert post_event(verdict.base_url, body, retry_num=retry)[0] == 200

    # four deliveries of another event at the same moment
    racing = message_event("C2", link(pages, "/news/4"))
    barrier = threading.Barrier(4)
    statuses = []

    def deliver(n):
        barrier.wait()
        statuses.append(post_event(verdict.base_url, racing, retry_num=n or None)[0])

    threads = [threading.Thread(target=deliver, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * 4

    for event in (body, racing):
        ts = event["event"]["ts"]
        brief_posts(slack, "C2", ts)
        finished(slack, "C2", ts)
        assert len(message_jobs(verdict.server.db, "C2", ts)) == 1
    verdict.settled()
    assert len(thread_posts(slack, "C2", body["event"]["ts"])) == 1
    assert len(thread_posts(slack, "C2", racing["event"]["ts"])) == 1
    assert pages.hits["/news/3"] == 1 and pages.hits["/news/4"] == 1


def test_bad_or_stale_signatures_are_refused_with_401(verdict, slack, pages):
    body = message_event("C3", link(pages, "/news/5"))
    assert post_event(verdict.base_url, body, secret="not-the-secret")[0] == 401
    assert post_event(verdict.base_url, body, timestamp=int(time.time()) - 10 * 60)[0] == 401
    assert message_jobs(verdict.server.db, "C3", body["event"]["ts"]) == []
    assert slack.calls_to("chat.postMessage") == []


def test_own_messages_edits_and_unfurls_are_ignored(verdict, slack, pages):
    url = link(pages, "/news/6")
    ignored = [
        message_event("C4", f"own {url}", user=BOT_USER_ID),
        message_event("C4", f"own via bot id {url}", user=None, bot_id=BOT_ID, subtype="bot_message"),
        event_body({"type": "message", "subtype": "message_changed", "channel": "C4", "ts": next_ts(),
                    "message": {"type": "message", "user": "UALICE", "text": f"edited {url}", "ts": next_ts()}}),
        # Slack's unfurl: the same message, changed to carry an attachment with the link
        event_body({"type": "message", "subtype": "message_changed", "channel": "C4", "ts": next_ts(),
                    "message": {"type": "message", "user": "UALICE", "text": url, "ts": next_ts(),
                                "attachments": [{"from_url": pages.url("/news/6"), "title": "unfurl"}]}}),
        message_event("C4", f"<@UALICE> has joined {url}", subtype="channel_join"),
    ]
    for body in ignored:
        assert post_event(verdict.base_url, body)[0] == 200
    for body in ignored:
        assert message_jobs(verdict.server.db, "C4", body["event"]["ts"]) == []
    verdict.settled()
    assert slack.calls_to("chat.postMessage") == [] and pages.hits["/news/6"] == 0


def test_another_bots_link_is_briefed(verdict, slack, pages):
    body = message_event("C5", link(pages, "/news/7"), user=None, bot_id="BRSSFEED", subtype="bot_message")
    assert post_event(verdict.base_url, body)[0] == 200
    brief_posts(slack, "C5", body["event"]["ts"])


def test_other_bots_are_left_alone_when_summarize_bot_messages_is_false(settings, db_url, slack, pages):
    with running_verdict(settings, db_url, slack, pages, summarize_bot_messages=False) as v:
        body = message_event("C5", link(pages, "/news/8"), user=None, bot_id="BRSSFEED", subtype="bot_message")
        assert post_event(v.base_url, body)[0] == 200
        assert message_jobs(v.server.db, "C5", body["event"]["ts"]) == []


def test_deleting_the_message_deletes_our_reply(verdict, slack, pages):
    body = message_event("C6", link(pages, "/news/9"))
    ts = body["event"]["ts"]
    post_event(verdict.base_url, body)
    reply = brief_posts(slack, "C6", ts)[0]
    finished(slack, "C6", ts)
    reply_ts = slack.history["C6"][0]["ts"]
    assert reply.body["thread_ts"] == ts
    deleted = event_body({"type": "message", "subtype": "message_deleted", "channel": "C6", "ts": next_ts(),
                          "deleted_ts": ts, "previous_message": {"type": "message", "ts": ts, "user": "UALICE"}})
    assert post_event(verdict.base_url, deleted)[0] == 200
    calls = slack.wait_for("chat.delete")
    assert calls[0].body["channel"] == "C6" and calls[0].body["ts"] == reply_ts


def test_a_dead_link_gets_a_clear_one_line_reply(verdict, slack, pages):
    body = message_event("C7", f"{link(pages, '/dead')} and {link(pages, '/report.pdf')}")
    ts = body["event"]["ts"]
    post_event(verdict.base_url, body)
    texts = sorted(c.body["text"] for c in brief_posts(slack, "C7", ts, count=2))
    assert texts[0].startswith("Couldn't brief http://127.0.0.1:") and "HTTP 404 (page not found)" in texts[0]
    # a PDF is read now; this one is only a header, so it gets the damaged-PDF line
    assert texts[1].startswith("Couldn't brief") and "this PDF is" in texts[1]
    assert all("\n" not in t for t in texts)


def test_429_from_chat_post_message_is_retried_and_posted_once(verdict, slack, pages):
    slack.rate_limit("chat.postMessage", times=1, retry_after=1)
    body = message_event("C8", link(pages, "/news/10"))
    ts = body["event"]["ts"]
    post_event(verdict.base_url, body)
    brief_posts(slack, "C8", ts)
    finished(slack, "C8", ts)
    attempts = slack.calls_to("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    assert [c.body["_answered"] for c in attempts] == ["ratelimited", "ok"]
    assert attempts[1].at - attempts[0].at >= 0.9  # Retry-After was honoured


def test_not_in_channel_is_skipped_without_affecting_other_channels(verdict, slack, pages):
    slack.fail("chat.postMessage", "not_in_channel", times=10, channel="CGONE")
    gone = message_event("CGONE", link(pages, "/news/11"))
    fine = message_event("C9", link(pages, "/news/12"))
    post_event(verdict.base_url, gone)
    post_event(verdict.base_url, fine)
    brief_posts(slack, "C9", fine["event"]["ts"])
    deadline = time.time() + 10
    while time.time() < deadline:
        jobs = message_jobs(verdict.server.db, "CGONE", gone["event"]["ts"])
        if jobs and jobs[0].state == "failed":
            break
        time.sleep(0.2)
    assert jobs[0].state == "failed" and "not_in_channel" in (jobs[0].last_error or "")
    # permanent: tried once, not retried
    assert len(slack.calls_to("chat.postMessage", lambda c: c.body.get("channel") == "CGONE")) == 1


def test_links_over_the_cap_get_one_line_saying_how_many_were_skipped(settings, db_url, slack, pages):
    with running_verdict(settings, db_url, slack, pages, links_per_message=2) as v:
        body = message_event("C10", " ".join(link(pages, f"/news/{20 + i}") for i in range(5)))
        ts = body["event"]["ts"]
        post_event(v.base_url, body)
        post_event(v.base_url, body, retry_num=1)
        posts = brief_posts(slack, "C10", ts, count=3)
        finished(slack, "C10", ts, count=2)
        v.settled()
        texts = [c.body["text"] for c in thread_posts(slack, "C10", ts)]
        assert texts.count("3 more links were skipped: Verdict briefs at most 2 links per message.") == 1
        assert len(posts) == 3 and len(texts) == 3


def test_reuse_within_the_window(verdict, slack, pages):
    url = link(pages, "/news/13")
    first = message_event("C11", url)
    post_event(verdict.base_url, first)
    brief_posts(slack, "C11", first["event"]["ts"])
    finished(slack, "C11", first["event"]["ts"])

    # same channel: a pointer to the earlier thread, no fetch
    again = message_event("C11", url)
    post_event(verdict.base_url, again)
    pointer = brief_posts(slack, "C11", again["event"]["ts"])[0]
    assert "https://fake.slack.com/archives/C11/p" in json.dumps(pointer.body)
    assert slack.calls_to("chat.getPermalink")
    # another channel: the stored brief, no fetch
    other = message_event("C12", url)
    post_event(verdict.base_url, other)
    assert "rejects request number 13" in json.dumps(brief_posts(slack, "C12", other["event"]["ts"])[0].body)
    assert pages.hits["/news/13"] == 1

    # `@Verdict summarize URL` always fetches afresh
    asked = mention_event("C11", f"<@{BOT_USER_ID}> summarize {url}")
    post_event(verdict.base_url, asked)
    fresh = brief_posts(slack, "C11", asked["event"]["ts"])[0]
    assert "rejects request number 13" in json.dumps(fresh.body["blocks"])
    assert pages.hits["/news/13"] == 2


def mention_reply(verdict, slack, channel: str, text: str) -> str:
    body = mention_event(channel, f"<@{BOT_USER_ID}> {text}")
    assert post_event(verdict.base_url, body)[0] == 200
    return brief_posts(slack, channel, body["event"]["ts"])[0].body["text"]


def test_each_mention_command(verdict, slack, pages):
    assert "who asked, for what" in mention_reply(verdict, slack, "C13", "help")
    assert "who asked, for what" in mention_reply(verdict, slack, "C13", "dance for me")
    assert "Verdict stopped watching <#C13>" in mention_reply(verdict, slack, "C13", "unwatch")
    # an unwatched channel's links are left alone …
    ignored = message_event("C13", link(pages, "/news/14"))
    post_event(verdict.base_url, ignored)
    assert message_jobs(verdict.server.db, "C13", ignored["event"]["ts"]) == []
    assert "Not watching <#C13>" in mention_reply(verdict, slack, "C13", "status")
    # … but a bare URL to @Verdict still gets a brief
    body = mention_event("C13", f"<@{BOT_USER_ID}> {link(pages, '/news/14')}")
    post_event(verdict.base_url, body)
    assert "rejects request number 14" in json.dumps(brief_posts(slack, "C13", body["event"]["ts"])[0].body)
    assert "Verdict is watching <#C13>" in mention_reply(verdict, slack, "C13", "watch")
    assert "Watching <#C13>" in mention_reply(verdict, slack, "C13", "status")
    assert mention_reply(verdict, slack, "C13", "digest")
    assert mention_reply(verdict, slack, "C13", "schedule daily 09:00")


def test_a_retried_mention_is_answered_once(verdict, slack):
    body = mention_event("C14", f"<@{BOT_USER_ID}> help")
    for retry in (None, 1, 2):
        assert post_event(verdict.base_url, body, retry_num=retry)[0] == 200
    brief_posts(slack, "C14", body["event"]["ts"])
    verdict.settled()
    assert len(thread_posts(slack, "C14", body["event"]["ts"])) == 1


def test_slash_command_answers_ephemerally(verdict, slack, pages):
    status, answer = post_slash(verdict.base_url, "help", channel_id="C15")
    assert status == 200 and answer["response_type"] == "ephemeral" and "/verdict" in answer["text"]
    status, answer = post_slash(verdict.base_url, "unwatch", channel_id="C15")
    assert "stopped watching" in answer["text"]
    status, answer = post_slash(verdict.base_url, f"summarize {pages.url('/news/15')}", channel_id="C15")
    assert status == 200 and "only you can see it" in answer["text"]
    ephemeral = slack.wait_for("chat.postEphemeral", timeout=20)[0]
    assert ephemeral.body["channel"] == "C15" and ephemeral.body["user"] == "UALICE"
    assert "rejects request number 15" in json.dumps(ephemeral.body["blocks"])
    assert "Requester:" in ephemeral.body["text"]


def test_app_home_is_published_with_recent_briefs(verdict, slack, pages):
    slack.members["C16"] = [BOT_USER_ID, "UALICE"]  # App Home shows a viewer only their conversations
    body = message_event("C16", link(pages, "/news/16"))
    post_event(verdict.base_url, body)
    finished(slack, "C16", body["event"]["ts"])
    opened = event_body({"type": "app_home_opened", "user": "UALICE", "channel": "D1", "tab": "home"})
    assert post_event(verdict.base_url, opened)[0] == 200
    view = slack.wait_for("views.publish")[0].body
    assert view["user_id"] == "UALICE" and view["view"]["type"] == "home"
    text = json.dumps(view["view"]["blocks"])
    assert "rejects request number 16" in text and "<#C16>" in text


def test_why_button_opens_the_evidence(verdict, slack, pages):
    body = message_event("C17", link(pages, "/news/17"))
    post_event(verdict.base_url, body)
    post = brief_posts(slack, "C17", body["event"]["ts"])[0]
    button = next(e for b in post.body["blocks"] if b["type"] == "actions" for e in b["elements"])
    payload = {"type": "block_actions", "team": {"id": "T0TEAM"}, "user": {"id": "UALICE"},
               "api_app_id": "AFAKE", "trigger_id": "trig-1", "channel": {"id": "C17"},
               "actions": [{"type": "button", "action_id": button["action_id"], "value": button["value"],
                            "block_id": "b1", "action_ts": "1"}]}
    assert post_action(verdict.base_url, payload)[0] == 200
    opened = slack.wait_for("views.open")[0].body
    assert opened["trigger_id"] == "trig-1"
    assert "“" in json.dumps(opened["view"], ensure_ascii=False)  # quoted evidence, not the "no longer stored" note


def test_healthz(verdict):
    assert verdict.get("/healthz") == (200, {"ok": True})


def test_healthz_is_503_when_the_database_does_not_answer(verdict):
    # the same WSGI app, over a database that refuses connections (nothing listens on port 1)
    unreachable = Database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    wsgi = make_wsgi_app(verdict.server.app, unreachable)
    environ: dict = {"REQUEST_METHOD": "GET", "PATH_INFO": "/healthz"}
    setup_testing_defaults(environ)
    answer = {}
    body = b"".join(wsgi(environ, lambda status, headers: answer.update(status=status)))
    assert answer["status"].startswith("503") and json.loads(body) == {"ok": False}
