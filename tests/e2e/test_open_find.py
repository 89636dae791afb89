"""`@Verdict open` and `@Verdict find WORDS` (and `/verdict …`), end to end over signed HTTP.

`find` answers only the asker (chat.postEphemeral) and shows only briefs from conversations the
asker may see: a private channel's briefs stay hidden from non-members.
"""

from __future__ import annotations

import time

import pytest
from fakes.followups import brief, store_brief
from fakes.harness import running_verdict
from fakes.signing import mention_event, post_event, post_slash
from fakes.slack import BOT_USER_ID, TEAM_ID

from bot.db import followups as repo
from bot.slack.parsing import parse_command


@pytest.mark.parametrize(("text", "name", "query", "page"), [
    ("<@UVERDICT> open", "open", "", 1),
    ("<@UVERDICT> find ukraine missiles", "find", "ukraine missiles", 1),
    ("find council depot page 2", "find", "council depot", 2),
    ("<@UVERDICT> FIND  Lyon", "find", "Lyon", 1),
])
def test_open_and_find_in_the_grammar(text, name, query, page):
    command = parse_command(text)
    assert (command.name, command.query, command.page) == (name, query, page)


def test_find_without_words_is_help_with_a_note():
    command = parse_command("<@UVERDICT> find")
    assert command.name == "help" and "needs words" in command.note


@pytest.fixture
def fast_verdict(settings, db_url, slack, pages):
    with running_verdict(settings, db_url, slack, pages, followup_interval_seconds=0.2) as running:
        yield running


def _indexed(db, count, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(repo.search_briefs(db, TEAM_ID, ["council"], channel_ids=None, limit=count)[0]) >= count:
            return
        time.sleep(0.1)
    raise AssertionError("briefs were not indexed")


def _mention(verdict, channel, text, user="UALICE"):
    body = mention_event(channel, f"<@{BOT_USER_ID}> {text}", user=user)
    assert post_event(verdict.base_url, body)[0] == 200
    return body["event"]["ts"]


def _ephemeral(slack, user, count=1):
    return slack.wait_for("chat.postEphemeral", count, 10, where=lambda c: c.body.get("user") == user)[-1].body


def test_open_find_and_a_private_channel(fast_verdict, slack):
    db = fast_verdict.server.db
    slack.private.add("GPRIV")
    slack.members["GPRIV"] = [BOT_USER_ID, "UBOB"]
    store_brief(db, brief("pending", "Greenfield Council", "to build a bus depot", "the board",
                          "Council depot decision awaited"), channel="C1", team=TEAM_ID)
    store_brief(db, brief("declined", "Greenfield Council", "to raise parking fees", "the board",
                          "Secret: council fees refused"), channel="GPRIV", team=TEAM_ID)
    store_brief(db, brief("approved", "Lakeside Council", "<!channel> to open a <https://evil.example|library>",
                          "the ministry", "Council library approved"), channel="C3", team=TEAM_ID)
    _indexed(db, 3)

    thread = _mention(fast_verdict, "C1", "open")
    [answer] = slack.wait_for("chat.postMessage", where=lambda c: c.body.get("thread_ts") == thread)
    assert answer.body["channel"] == "C1"
    assert "1 request is still open here" in answer.body["text"] and "Council depot decision" in answer.body["text"]
    assert "open today" in str(answer.body["blocks"])

    _mention(fast_verdict, "C1", "find council")
    alice = _ephemeral(slack, "UALICE")
    assert alice["channel"] == "C1" and "thread_ts" in alice
    assert "Council depot decision" in alice["text"] and "Council library approved" in alice["text"]
    assert "Secret" not in str(alice)  # a private channel Alice is not in
    blocks = str(alice["blocks"])
    assert "<!channel>" not in blocks and "<https://evil.example|library>" not in blocks  # escaped

    _mention(fast_verdict, "C1", "find council", user="UBOB")
    bob = _ephemeral(slack, "UBOB")
    assert "Secret: council fees refused" in bob["text"]  # Bob is a member
    # newest first
    assert bob["text"].index("Council library") < bob["text"].index("Secret") < bob["text"].index("Council depot")

    status, ack = post_slash(fast_verdict.base_url, "find council", user_id="UCAROL")
    assert status == 200 and "Searching" in str(ack)
    carol = _ephemeral(slack, "UCAROL")
    assert "Secret" not in str(carol) and "Council depot" in carol["text"]


def test_find_ten_at_a_time(fast_verdict, slack):
    db = fast_verdict.server.db
    for n in range(13):
        store_brief(db, brief("approved", "Harbor Council", f"to open kiosk number {n}", "the board",
                              f"Council kiosk {n:02d} approved"), channel="C1", team=TEAM_ID)
    _indexed(db, 13)
    _mention(fast_verdict, "C1", "find council kiosk")
    first = _ephemeral(slack, "UALICE")
    assert first["text"].count("Council kiosk") == 10 and "Council kiosk 12" in first["text"]
    assert "(1–10, more below)" in first["text"] and "find council kiosk page 2" in str(first["blocks"])
    _mention(fast_verdict, "C1", "find council kiosk page 2")
    second = _ephemeral(slack, "UALICE", count=2)
    assert second["text"].count("Council kiosk") == 3 and "Council kiosk 00" in second["text"]
    assert "more below" not in second["text"] and "page 3" not in str(second["blocks"])
    _mention(fast_verdict, "C1", "find nothing-matches-this")
    assert "No briefs you can see match" in _ephemeral(slack, "UALICE", count=3)["text"]
