"""Message shortcut "Brief this link": queue the message's links (before the ack), briefed in its thread."""

from __future__ import annotations

from bot.slack.shortcuts import accept_brief_shortcut


def listener(services):
    def on_brief_link(ack, body: dict) -> None:
        accept_brief_shortcut(services, body)
        ack()

    return on_brief_link
