"""Rendering digests: layout, tally, grouping, fallback, and splitting within Slack's limits (pure)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from fakes.digests import make_brief

from bot.models import Brief, Status
from bot.render.blocks import HEADER_LIMIT, MAX_BLOCKS, SECTION_TEXT_LIMIT
from bot.render.digest import (
    MAX_MESSAGE_CHARS,
    DigestEntry,
    message_size,
    order_entries,
    paginate_digest,
    render_digest,
    render_empty,
    tally,
)

BERLIN = __import__("zoneinfo").ZoneInfo("Europe/Berlin")
START = datetime(2024, 12, 2, 8, 0, tzinfo=UTC)
END = datetime(2024, 12, 9, 8, 0, tzinfo=UTC)


def entry(i: int, status=None, *, long=False) -> DigestEntry:
    return DigestEntry(brief=make_brief(i, status, long=long),
                       permalink=f"https://acme.slack.com/archives/C0GENERAL/p{1700000000 + i}000200",
                       shared_by="U0ALICE", shared_at=datetime(2024, 12, 3, 14, 5, tzinfo=UTC))


def render(entries, **kw):
    return render_digest(entries, channel_id="C0GENERAL", channel_name="general", period_start=START,
                         period_end=END, tz=BERLIN, **kw)


def is_overview(message) -> bool:
    """The compact top-level message of a big digest (its titles are repeated in the thread's full list)."""
    return "The full list of" in str(message.blocks)


def titles(messages) -> list[str]:
    found = []
    for message in messages:
        if is_overview(message):
            continue
        for block in message.blocks:
            if block["type"] == "section":
                found += re.findall(r"\|(Story \d+: [^>]*)>\*", block["text"]["text"])
    return found


def assert_within_limits(message):
    assert len(message.blocks) <= MAX_BLOCKS
    assert message_size(message) <= MAX_MESSAGE_CHARS
    assert 0 < len(message.text) <= 3000
    for block in message.blocks:
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= HEADER_LIMIT
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= SECTION_TEXT_LIMIT
        if block["type"] == "context":
            assert 1 <= len(block["elements"]) <= 10


def test_tally_counts_by_status_in_a_fixed_order():
    entries = [entry(0, "pending"), entry(1, "approved"), entry(2, "declined"), entry(3, "approved"),
               entry(4, "declined"), entry(5, "approved")]
    assert tally(entries) == "3 approved · 2 declined · 1 pending"
    assert tally([]) == "no new briefs"


def test_layout_of_a_small_digest():
    entries = [entry(0, "pending"), entry(1, "approved"), entry(2, "declined"), entry(3, "approved")]
    [message] = render(entries)
    blocks = message.blocks
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "emoji": True,
                                                    "text": "Verdict digest · #general · 2 Dec – 9 Dec 2024"}}
    assert blocks[1]["text"]["text"].startswith("*2 approved · 1 declined · 1 pending* — briefs of links shared "
                                                "in <#C0GENERAL>")
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"][1:]
    # grouped by status, pending first (the actionable ones), then approved (1, 3 in given order), declined
    assert sections[0] == ":hourglass_flowing_sand: *Pending* (1)" and "Story 0:" in sections[1]
    assert sections[2] == ":white_check_mark: *Approved* (2)"
    assert "Story 1:" in sections[3] and "Story 3:" in sections[4]
    assert sections[5].startswith(":no_entry: *Declined* (1)") and "Story 2:" in sections[6]
    one = sections[3]
    # title linked to the article, with a link to the thread where it was shared; requester → request;
    # decision by whom; reason
    assert one.startswith("*<https://news.example.org/story/1|Story 1: the council rules on request 1>* · "
                          "<https://acme.slack.com/archives/C0GENERAL/p1700000001000200|thread>")
    assert "Requester 1 → to build a bridge number 1" in one
    assert ":white_check_mark: *Approved* by the city council: decision 1" in one
    assert "_Why:_ the budget for 1" in one
    # context line: site, date, who shared it (a display name, never a mention) and when (a date token)
    context = blocks[blocks.index(next(b for b in blocks if b.get("text", {}).get("text") == one)) + 1]
    assert context["type"] == "context"
    assert context["elements"][0]["text"] == ("Example News · 28 Nov 2024 · shared "
                                              "<!date^1733234700^{date_short} {time}|3 Dec 15:05 CET>")
    # plain-text fallback names the digest, the tally and every brief
    assert message.text.startswith("Verdict digest · #general · 2 Dec – 9 Dec 2024: 2 approved · 1 declined")
    for i in range(4):
        assert f"Story {i}:" in message.text
    assert_within_limits(message)


def test_mrkdwn_is_escaped_and_missing_fields_do_not_break_the_line():
    brief = Brief(source="https://x.example/a?b=1&c=2", title="Q&A: <script> | pipes", summary="Nothing asked.",
                  status=Status.UNKNOWN)
    [message] = render([DigestEntry(brief=brief)])
    text = next(b["text"]["text"] for b in message.blocks if "Q&amp;A" in b.get("text", {}).get("text", ""))
    assert "<https://x.example/a?b=1&amp;c=2|Q&amp;A: &lt;script&gt; ¦ pipes>" in text
    assert "Q&amp;A: &lt;script&gt;" in message.text  # the fallback is escaped too
    assert "Nothing asked." in text  # no request: the summary says what it is about
    assert ":heavy_minus_sign: *No decision stated*" in text


def test_empty_period_message_and_no_messages_for_no_entries():
    assert render([]) == []
    message = render_empty(channel_id="C0GENERAL", period_start=START, period_end=END, tz=BERLIN)
    assert "No new briefs in <#C0GENERAL>" in message.blocks[1]["text"]["text"]
    assert message.text.endswith("no new briefs")


def test_lookback_says_so():
    [message] = render([entry(1)], lookback=True)
    assert message.blocks[0]["text"]["text"].startswith("Verdict look-back")
    assert "nothing marked as digested" in message.blocks[1]["text"]["text"]


@pytest.mark.parametrize("long", [False, True])
def test_300_briefs_split_without_losing_any_and_within_limits(long):
    entries = [entry(i, long=long) for i in range(300)]
    messages = render(entries)
    assert len(messages) > 1
    for message in messages:
        assert_within_limits(message)
    shown = titles(messages)
    assert sorted(shown) == sorted(e.brief.title for e in entries)  # every one, once
    assert shown == [e.brief.title for e in order_entries(entries)]  # in order
    # a big digest: a compact overview top-level, the full list in its thread; each part says where it is
    assert is_overview(messages[0]) and len(messages[0].blocks) <= 20
    assert messages[1].blocks[0]["elements"][0]["text"].startswith(f"Part 2 of {len(messages)} · briefs 1–")
    assert messages[2].blocks[0]["elements"][0]["text"].startswith(f"Part 3 of {len(messages)}")
    assert "continued" in messages[2].blocks[1]["text"]["text"]


def test_huge_fields_are_cut_per_section():
    brief = make_brief(1).model_copy(update={"title": "T" * 5000, "request": "R" * 5000, "reason": "W" * 5000,
                                             "requester": "Q" * 5000, "decision": "D" * 5000})
    messages = render([DigestEntry(brief=brief, permalink="https://acme.slack.com/archives/C1/p1")] * 3)
    for message in messages:
        assert_within_limits(message)


def test_continuation_from_the_middle_reproduces_the_same_pages():
    ordered = order_entries([entry(i) for i in range(120)])
    kw = dict(channel_id="C0GENERAL", period_start=START, period_end=END, tz=BERLIN)
    pages = paginate_digest(ordered, **kw)
    assert pages[-1].through == 120
    rest = paginate_digest(ordered, start=pages[1].through, start_part=3, **kw)
    assert [p.message for p in rest] == [p.message for p in pages[2:]]
    assert paginate_digest(ordered, start=120, start_part=len(pages) + 1, **kw) == []


def test_render_1000_is_fast():
    import time

    entries = [entry(i) for i in range(1000)]
    started = time.thread_time()  # CPU time: a loaded machine does not inflate it
    render(entries)
    assert time.thread_time() - started < 2.0  # the bench holds the real target (< 200 ms)
