"""`message` events (channels, groups, DMs; every subtype): links shared, messages deleted."""

from __future__ import annotations

from bot.slack.events import accept_message


def listener(services):
    def on_message(body: dict, context) -> None:
        accept_message(services, body, bot_user_id=context.bot_user_id, bot_id=context.bot_id)

    return on_message
