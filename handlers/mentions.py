"""`app_mention` events: `@Verdict …` commands, answered in the message's thread."""

from __future__ import annotations

from bot.slack.events import accept_mention


def listener(services):
    def on_mention(body: dict) -> None:
        accept_mention(services, body)

    return on_mention
