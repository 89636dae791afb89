"""Issue 11 item 10 in Socket Mode: a malformed envelope payload is acknowledged (so Slack does not
resend it), logged in one line and dropped; well-formed ones still work. Real WebSocket server."""

from __future__ import annotations

import logging

from fakes.harness import running_verdict
from fakes.pages import ArticleServer
from fakes.signing import event_body, message_event
from fakes.slack import TEAM_ID, FakeSocketModeServer


def test_malformed_socket_mode_payloads_are_acked_and_dropped(settings, db_url, slack, caplog):
    caplog.set_level(logging.INFO)
    with FakeSocketModeServer() as ws, ArticleServer() as pages:
        slack.socket_url = ws.url
        with running_verdict(settings, db_url, slack, pages, slack_app_token="xapp-1-test",
                             slack_signing_secret=None):
            ws.wait_connected()
            bad = [
                {"token": "t", "team_id": TEAM_ID, "type": "event_callback", "event_id": "EvX", "event": "a string"},
                event_body({"type": "message", "channel": {"id": "C1"}, "user": "U", "text": "x", "ts": "1.1"}),
                event_body({"type": "message", "channel": "C1", "user": "U", "text": ["a"], "ts": "1.2"}),
            ]
            for payload in bad:
                envelope_id = ws.send(payload)
                assert ws.wait_for_ack(envelope_id)["envelope_id"] == envelope_id
            lines = [r.getMessage() for r in caplog.records if "dropped Socket Mode envelope" in r.getMessage()]
            assert len(lines) == 3
            assert not [r for r in caplog.records if r.exc_info]
            body = message_event("CSOCK", f"<{pages.url('/news/32')}>")
            ws.wait_for_ack(ws.send(body))
            slack.wait_for("chat.postMessage", timeout=20, where=lambda c: c.body.get("_answered") == "ok")
