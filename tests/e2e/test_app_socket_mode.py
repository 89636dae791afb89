"""Socket Mode end to end: apps.connections.open (fake Slack) → a local WebSocket server → Bolt."""

from __future__ import annotations

import json

from fakes.harness import running_verdict
from fakes.pages import ArticleServer
from fakes.signing import message_event
from fakes.slack import FakeSocketModeServer


def test_socket_mode_receives_an_event_acks_it_and_posts_the_brief(settings, db_url, slack):
    with FakeSocketModeServer() as ws, ArticleServer() as pages:
        slack.socket_url = ws.url
        with running_verdict(settings, db_url, slack, pages, slack_app_token="xapp-1-test",
                             slack_signing_secret=None):
            opened = slack.wait_for("apps.connections.open")[0]
            assert opened.headers.get("Authorization") == "Bearer xapp-1-test"
            ws.wait_connected()

            body = message_event("CSOCK", f"<{pages.url('/news/31')}>")
            envelope_id = ws.send(body)
            assert ws.wait_for_ack(envelope_id)["envelope_id"] == envelope_id
            post = slack.wait_for("chat.postMessage", timeout=20,
                                  where=lambda c: c.body.get("_answered") == "ok")[0]
            assert post.body["channel"] == "CSOCK" and post.body["thread_ts"] == body["event"]["ts"]
            assert "rejects request number 31" in json.dumps(post.body["blocks"])

            # the slash command over the socket: the ephemeral answer rides on the envelope's ack
            envelope_id = ws.send({"command": "/verdict", "text": "help", "channel_id": "CSOCK",
                                   "user_id": "UALICE", "team_id": "T0TEAM", "trigger_id": "1.2",
                                   "response_url": "https://hooks.invalid/x"}, kind="slash_commands")
            ack = ws.wait_for_ack(envelope_id)
            assert "/verdict" in ack["payload"]["text"]
            assert ack["payload"]["response_type"] == "ephemeral"
