"""`member_joined_channel` / `member_left_channel`: Verdict's welcome; memberships forgotten when they change."""

from __future__ import annotations

from bot.slack.onboarding import accept_member_joined, accept_member_left


def joined_listener(services):
    def on_member_joined(body: dict, context) -> None:
        accept_member_joined(services, body, bot_user_id=context.bot_user_id)

    return on_member_joined


def left_listener(services):
    def on_member_left(body: dict) -> None:
        accept_member_left(services, body)

    return on_member_left
