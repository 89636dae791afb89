"""bot.render.blocks: a brief as Block Kit + fallback text, within Slack's limits."""

from __future__ import annotations

import json

from bot.errors import HTTPError, UnsupportedContent
from bot.models import Brief, Evidence, Status
from bot.render.blocks import (
    HEADER_LIMIT,
    MAX_BLOCKS,
    MAX_HOME_BLOCKS,
    SECTION_TEXT_LIMIT,
    WHY_ACTION_ID,
    HomeBrief,
    HomeChannel,
    brief_message,
    failure_message,
    fit_blocks,
    help_message,
    home_view,
    section,
    truncate,
    why_modal,
)

SEOUL = Brief(
    source="https://example.org/news/seoul?x=1&y=2",
    title="Seoul declines Ukrainian request for defense system sales",
    site="Example News",
    published="2024-11-28",
    summary="South Korea declined to sell air-defence systems to Ukraine.",
    requester="Ukraine",
    request="to buy Cheongung air-defence missiles <and> radars",
    decided_by="South Korea's government",
    status=Status.DECLINED,
    decision="declined the sale",
    reason="export law bars arms sales to war zones",
    evidence=Evidence(requester="Ukraine asked Seoul for missiles.", decision="Seoul said no."),
)


def all_text(blocks) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def check_limits(blocks, max_blocks=MAX_BLOCKS):
    assert len(blocks) <= max_blocks
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= SECTION_TEXT_LIMIT
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= HEADER_LIMIT
        if block["type"] == "context":
            assert 1 <= len(block["elements"]) <= 10


def test_brief_message_leads_with_the_verdict_then_request_reason_and_source():
    message = brief_message(SEOUL, why_value="job:7")
    text = all_text(message.blocks)
    # first block: the status and who decided, in words ("declined the sale" only restates it: left out)
    assert message.blocks[0]["text"]["text"] == ":no_entry: *Declined* by South Korea's government"
    # then requester → request (user text is escaped for mrkdwn), then the reason
    assert message.blocks[1]["text"]["text"] == ("*Ukraine* → to buy Cheongung air-defence missiles &lt;and&gt; "
                                                 "radars\n*Reason:* export law bars arms sales to war zones")
    # the article as context: linked title, site, date
    assert message.blocks[2]["type"] == "context"
    assert message.blocks[2]["elements"][0]["text"] == (
        "<https://example.org/news/seoul?x=1&amp;y=2|Seoul declines Ukrainian request for defense system sales>"
        " · Example News · 28 Nov 2024")
    buttons = [e for b in message.blocks if b["type"] == "actions" for e in b["elements"]]
    assert buttons == [{"type": "button", "action_id": WHY_ACTION_ID, "value": "job:7",
                        "text": {"type": "plain_text", "text": "Why?", "emoji": True}}]
    assert "openai" not in text  # the model line only for LLM briefs
    check_limits(message.blocks)


def test_fallback_text_names_requester_request_status_decision_reason():
    text = brief_message(SEOUL).text
    for part in ("Requester: Ukraine", "Request: to buy Cheongung", "Status: declined (by South Korea's government)",
                 "Decision: declined the sale", "Reason: export law bars"):
        assert part in text
    empty = brief_message(Brief(source="https://x.test/a", summary="Nothing decided.")).text
    assert "Requester: not stated" in empty and "Status: unknown" in empty and "Reason: not stated" in empty


def test_openai_briefs_say_so_discreetly_and_inline_evidence_without_button():
    brief = SEOUL.model_copy(update={"summarizer": "openai"})
    message = brief_message(brief, inline_evidence=True)
    contexts = [b for b in message.blocks if b["type"] == "context"]
    assert any("language model (openai)" in all_text(c) for c in contexts)
    # the same value-and-sentence lines as the "Why?" modal
    sections = [b["text"]["text"] for b in message.blocks if b["type"] == "section"]
    assert "*Decision:* Declined by South Korea's government: declined the sale — “Seoul said no.”" in sections
    assert not [b for b in message.blocks if b["type"] == "actions"]


def test_huge_fields_are_truncated_with_ellipsis_within_limits():
    huge = "word " * 5000
    brief = SEOUL.model_copy(update={"title": huge, "request": huge, "reason": huge, "summary": huge,
                                     "decision": huge, "decided_by": huge})
    message = brief_message(brief, why_value="job:1")
    check_limits(message.blocks)
    assert "…" in all_text(message.blocks)
    assert len(message.text) <= 3000 and "Reason:" in message.text


def test_fit_blocks_and_truncate():
    assert truncate("abcdef", 4) == "abc…"
    assert truncate("abc", 3) == "abc"
    blocks = fit_blocks([section(str(i)) for i in range(80)])
    assert len(blocks) == MAX_BLOCKS
    assert "31 more not shown" in all_text(blocks[-1])


def test_failure_lines_say_why_in_one_line():
    refused = failure_message("https://x.test/a.pdf", UnsupportedContent("application/pdf"))
    assert refused.text == "Verdict won't brief https://x.test/a.pdf: that link is a PDF, not a web page."
    failed = failure_message("https://x.test/gone", HTTPError(404))
    assert failed.text == "Couldn't brief https://x.test/gone: the server answered HTTP 404 (page not found)."
    assert "\n" not in failed.text


def test_why_modal_quotes_evidence_and_fits_title_limit():
    view = why_modal(SEOUL)
    assert view["type"] == "modal" and len(view["title"]["text"]) <= 24
    assert "“Ukraine asked Seoul for missiles.”" in all_text(view["blocks"])


def test_help_lists_every_command_for_mentions_and_slash():
    for slash, prefix in ((False, "@Verdict"), (True, "/verdict")):
        text = help_message(slash=slash).blocks[0]["text"]["text"]
        for word in ("summarize", "digest", "schedule", "status", "watch", "unwatch", "help"):
            assert f"{prefix} {word}" in text or word in text
        assert prefix in text


def test_home_view_lists_briefs_and_channels_within_100_blocks():
    recent = [HomeBrief(title=f"T{i}", url=f"https://x.test/{i}", status=Status.APPROVED, channel_id="C1",
                        created_at=None) for i in range(60)]
    channels = [HomeChannel(channel_id=f"C{i:04d}", watched=i % 2 == 0) for i in range(500)]
    view = home_view(recent, channels)
    assert view["type"] == "home"
    check_limits(view["blocks"], MAX_HOME_BLOCKS)
    text = all_text(view["blocks"])
    assert "<https://x.test/0|T0>" in text and ":zzz: not watching <#C0001>" in text
    assert home_view([], [])["blocks"]  # an empty workspace still renders
