"""The `/verdict` slash command: the mention grammar, answered ephemerally with the ack."""

from __future__ import annotations

from bot.slack.events import answer_slash


def listener(services):
    def on_verdict(ack, command: dict) -> None:
        reply = answer_slash(services, command)
        # a slash command's ack body is shown only to the person who typed it
        ack(text=reply.text, blocks=reply.blocks or None, response_type="ephemeral")

    return on_verdict
