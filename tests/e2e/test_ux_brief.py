"""The brief as a reader sees it (issue 12, items 1–3): verdict first, one line when nothing was decided,
"Why?" pairing each value with its sentence, and the status reaction on the shared message."""

from __future__ import annotations

import json

from fakes.harness import brief_posts
from fakes.signing import message_event, post_action, post_event, post_slash

from bot.models import Brief, Evidence, Status
from bot.render.blocks import NO_DECISION_LINE, brief_message, evidence_lines, status_line, why_modal

SEOUL = Brief(
    source="https://example.org/news/seoul", title="Seoul declines Ukrainian request", site="Example News",
    published="2024-11-28", summary="South Korea declined.", requester="Ukraine",
    request="to buy Cheongung air-defence missiles", decided_by="South Korea's government",
    status=Status.DECLINED, decision="declined the weapon sales", reason="export law bars arms sales",
    evidence=Evidence(requester="Ukraine seeks to purchase Cheongung missiles.",
                      request="Ukraine seeks to purchase Cheongung missiles.",
                      decision="Seoul said it would not sell.", reason="The law bars sales to war zones."))


def test_first_line_is_the_status_and_who_decided_without_repeating_itself():
    assert status_line(SEOUL) == ":no_entry: *Declined* by South Korea's government"
    kept = SEOUL.model_copy(update={"decision": "declined the sale but offered medical supplies instead"})
    assert status_line(kept).endswith(": declined the sale but offered medical supplies instead")
    pending = SEOUL.model_copy(update={"status": Status.PENDING, "decision": "will decide next month"})
    assert status_line(pending) == (":hourglass_flowing_sand: *Pending* — awaiting South Korea's government: "
                                    "will decide next month")


def test_a_brief_with_no_decision_is_one_line():
    message = brief_message(Brief(source="https://x.test/a", title="Cats", summary="About cats."), why_value="job:1")
    assert message.blocks[0]["text"]["text"] == f":heavy_minus_sign: {NO_DECISION_LINE}"
    assert [b["type"] for b in message.blocks] == ["section", "context"]  # the article, as context
    assert "Status: unknown" in message.text and "Reason: not stated" in message.text


def test_why_pairs_each_value_with_its_sentence_once_per_sentence():
    lines = evidence_lines(SEOUL)
    assert lines[0] == ("*Requester:* Ukraine · *Request:* to buy Cheongung air-defence missiles — "
                        "“Ukraine seeks to purchase Cheongung missiles.”")
    assert lines[1] == ("*Decision:* Declined by South Korea's government: declined the weapon sales — "
                        "“Seoul said it would not sell.”")
    assert len(lines) == 3
    view = json.dumps(why_modal(SEOUL), ensure_ascii=False)
    assert "<https://example.org/news/seoul|the article>" in view


def test_reaction_says_the_status_and_why_and_ephemeral_answers_use_the_pairs(verdict, slack, pages):
    body = message_event("C31", f"<{pages.url('/news/31')}>")
    ts = body["event"]["ts"]
    post_event(verdict.base_url, body)
    [post] = brief_posts(slack, "C31", ts)
    on_message = lambda c: c.body.get("timestamp") == ts  # noqa: E731
    slack.wait_for("reactions.remove", where=on_message)
    added = [c.body["name"] for c in slack.calls_to("reactions.add", on_message)]
    removed = [c.body["name"] for c in slack.calls_to("reactions.remove", on_message)]
    assert added == ["eyes", "no_entry"] and removed == ["eyes"]  # the page says "rejected"
    assert post.body["blocks"][0]["text"]["text"].startswith(":no_entry: *Declined* by ")
    assert "regulator" in post.body["blocks"][0]["text"]["text"]
    # the "Why?" modal: values with their sentences
    button = next(e for b in post.body["blocks"] if b["type"] == "actions" for e in b["elements"])
    post_action(verdict.base_url, {"type": "block_actions", "team": {"id": "T0TEAM"}, "user": {"id": "UALICE"},
                                   "api_app_id": "AFAKE", "trigger_id": "trig-9", "channel": {"id": "C31"},
                                   "actions": [{"type": "button", "action_id": button["action_id"],
                                                "value": button["value"], "block_id": "b", "action_ts": "1"}]})
    modal = json.dumps(slack.wait_for("views.open")[0].body["view"], ensure_ascii=False)
    assert "*Decision:* Declined by" in modal and " — “" in modal
    # `/verdict summarize` answers with the same layout
    post_slash(verdict.base_url, f"summarize {pages.url('/news/32')}", channel_id="C31")
    ephemeral = slack.wait_for("chat.postEphemeral", timeout=20)[0].body
    sections = [b["text"]["text"] for b in ephemeral["blocks"] if b["type"] == "section"]
    assert sections[0].startswith(":no_entry: *Declined*")
    assert any("*Decision:* Declined by" in s and " — “" in s for s in sections)  # a sentence may back two values


def test_a_failed_link_gets_the_warning_reaction(verdict, slack, pages):
    body = message_event("C32", f"<{pages.url('/dead')}>")
    ts = body["event"]["ts"]
    post_event(verdict.base_url, body)
    brief_posts(slack, "C32", ts)
    slack.wait_for("reactions.remove", where=lambda c: c.body.get("timestamp") == ts)
    assert "warning" in [c.body["name"] for c in slack.calls_to("reactions.add",
                                                                 lambda c: c.body.get("timestamp") == ts)]
