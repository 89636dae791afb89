"""Issue 11 item 10: signed but malformed Slack bodies are acknowledged and dropped with one log line.

Over real HTTP against the running app: before, each of these was a traceback and an HTTP 500,
which Slack retries three times.
"""

from __future__ import annotations

import logging

import pytest
from fakes.signing import event_body, post_action, post_event
from fakes.slack import TEAM_ID

from bot.db.jobs import queue_counts
from bot.slack.payloads import shape_problem

LINK = "<https://example.invalid/a>"

EVENTS = {
    "event is a string": ({"token": "t", "team_id": TEAM_ID, "type": "event_callback", "event_id": "EvS",
                           "event": "a string"}, "event"),
    "event.channel is an object": (event_body({"type": "message", "channel": {"id": "C1"}, "user": "U1",
                                               "text": f"hi {LINK}", "ts": "1.1"}), "event.channel"),
    "text is a list": (event_body({"type": "message", "channel": "C1", "user": "U1", "text": ["a", LINK],
                                   "ts": "1.2"}), "event.text"),
    "mention text is a list": (event_body({"type": "app_mention", "channel": "C1", "user": "U1",
                                           "text": ["help"], "ts": "1.3"}), "event.text"),
    "ts is a number": (event_body({"type": "message", "channel": "C1", "user": "U1", "text": LINK, "ts": 12}),
                       "event.ts"),
    "event type is an object": (event_body({"type": {"a": 1}, "channel": "C1"}), "event.type"),
    "subtype is a list": (event_body({"type": "message", "subtype": ["x"], "channel": "C1", "ts": "1.5"}),
                          "event.subtype"),
    "home user is an object": (event_body({"type": "app_home_opened", "user": {"id": "U1"}, "tab": "home"}),
                               "event.user"),
    "previous_message is a string": (event_body({"type": "message", "subtype": "message_deleted",
                                                 "channel": "C1", "previous_message": "x"}),
                                     "event.previous_message"),
}


def _guard_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "bot.slack.guard"]


@pytest.mark.parametrize("name", list(EVENTS))
def test_malformed_signed_events_are_acked_and_dropped_in_one_line(verdict, slack, caplog, name):
    caplog.set_level(logging.INFO)
    body, field = EVENTS[name]
    assert post_event(verdict.base_url, body)[0] == 200
    lines = _guard_lines(caplog)
    assert len(lines) == 1 and lines[0].startswith("dropped signed Slack request") and f"({field}:" in lines[0]
    assert not [r for r in caplog.records if r.exc_info]
    assert sum(queue_counts(verdict.server.db).values()) == 0


def _why(value) -> dict:
    return {"type": "block_actions", "team": {"id": TEAM_ID}, "user": {"id": "UALICE"}, "trigger_id": "1.2.3",
            "actions": [{"action_id": "verdict_why", "type": "button", "value": value}]}


def test_an_oversized_why_value_is_dropped_in_one_line(verdict, slack, caplog):
    caplog.set_level(logging.INFO)
    assert post_action(verdict.base_url, _why("job:" + "9" * 100_000))[0] == 200
    assert post_action(verdict.base_url, _why({"job": 1}))[0] == 200
    assert len(_guard_lines(caplog)) == 2 and all("actions.0.value" in line for line in _guard_lines(caplog))
    verdict.settled()
    assert slack.calls_to("views.open") == []
    assert not [r for r in caplog.records if r.exc_info]


def test_a_why_value_with_a_huge_number_opens_the_gone_note(verdict, slack, caplog):
    caplog.set_level(logging.INFO)
    # well-formed but no id of ours (too many digits for the database): the note, not an OverflowError
    for value in ("brief:" + "9" * 30, "job:" + "9" * 1990, "job:-1", "nonsense"):
        assert post_action(verdict.base_url, _why(value))[0] == 200
    opened = slack.wait_for("views.open", 4)
    assert all("no longer stored" in str(call.body["view"]) for call in opened)
    assert not [r for r in caplog.records if r.exc_info]


def test_shape_problem_accepts_what_slack_sends():
    assert shape_problem(event_body({"type": "message", "channel": "C1", "user": "U1", "text": "hi", "ts": "1.1",
                                     "blocks": [{"type": "rich_text", "elements": []}],
                                     "new_field_slack_added": {"any": ["shape"]}})) is None
    assert shape_problem({"token": "t", "team_id": "T", "user_id": "U", "command": "/verdict", "text": "help",
                          "channel_id": "C", "response_url": "https://hooks.slack.com/commands/1"}) is None
    assert shape_problem(_why("job:1")) is None
    assert shape_problem({"type": "event_callback", "event": {"channel": ["C"]}}).startswith("event.channel:")
