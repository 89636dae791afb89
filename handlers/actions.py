"""Block actions: the "Why?" button under a brief opens the evidence."""

from __future__ import annotations

from bot.slack.home import open_why


def why_listener(services):
    def on_why(ack, body: dict, action: dict) -> None:
        ack()
        # a trigger_id is valid for 3 s: open the modal right after the ack, not in a queue
        services.now(open_why, services, body.get("trigger_id") or "", action.get("value") or "")

    return on_why
