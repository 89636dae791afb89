"""Verdict joins a channel: one short message saying what it will do there and how to stop it.

    accept_member_joined(services, body, bot_user_id="UVERDICT")   # the `member_joined_channel` listener
    welcome_message(channel_id, digest_line)                        # the Message (bot.render.blocks)

Only Verdict's own join is answered (once per event id: Slack's retries add nothing). The join
also records the channel (its `channels` row, touched now), and the digest scheduler never runs
slots from before a channel was first known — so no scheduled digest reaches a channel before its
welcome does. Someone else joining or leaving only drops their cached membership (App Home then
asks Slack afresh, bot.slack.membership).
"""

from __future__ import annotations

import logging

from bot.db.engine import update_channel
from bot.db.jobs import record_event
from bot.digests.scheduler import describe_channel_digest
from bot.errors import DeliveryError
from bot.render.blocks import Message, section
from bot.slack.services import Services
from bot.slack.shortcuts import as_dict

logger = logging.getLogger(__name__)


def welcome_message(channel_id: str, digest_line: str) -> Message:
    """What Verdict will do in `channel_id`, how to stop it, and where its settings live."""
    lines = [
        f":wave: Hi, I'm Verdict. In <#{channel_id}> I will:",
        "• answer every link shared here with a *brief in its thread*: who asked for what, what was decided, "
        "by whom, and why (the reaction on the message shows the outcome);",
        f"• post a *digest* of the new briefs. {digest_line}",
        "To stop: `/verdict unwatch` (no more briefs here) · `/verdict schedule off` (no digests). "
        "Settings for each channel: my *Home* tab (click Verdict in the sidebar) · `/verdict help` for commands.",
    ]
    text = "\n".join(lines)
    return Message(text=text, blocks=[section(text)])


def _digest_line(services: Services, channel_id: str) -> str:
    try:
        return describe_channel_digest(services.settings, services.db, channel_id)
    except Exception:  # the welcome still goes out without the schedule line
        logger.exception("could not describe the digest schedule of %s", channel_id)
        return "Its schedule: `/verdict status`."


def post_welcome(services: Services, channel_id: str) -> None:
    try:
        services.poster.post_message(channel_id, welcome_message(channel_id, _digest_line(services, channel_id)))
    except DeliveryError as error:
        logger.warning("could not post the welcome in %s: %s", channel_id, error)


def accept_member_joined(services: Services, body: dict, *, bot_user_id: str | None) -> bool:
    """True when this is Verdict's own join and the welcome was scheduled (after the ack)."""
    event = as_dict(body.get("event"))
    user, channel = event.get("user"), event.get("channel")
    if not isinstance(user, str) or not isinstance(channel, str) or not channel:
        return False
    services.poster.members.forget(user)
    services.poster.bot_channels.forget(user)
    services.poster.bot_in.forget(channel)  # after an invite, slash commands there work at once
    if not bot_user_id or user != bot_user_id:
        return False
    event_id = body.get("event_id")
    if event_id and not record_event(services.db, event_id):
        return False  # a retry of a join already welcomed
    # known from now on: slots before this moment are never due (bot.digests.scheduler, known_since)
    update_channel(services.db, channel, team_id=body.get("team_id") or event.get("team"))
    services.later(post_welcome, services, channel)
    return True


def accept_member_left(services: Services, body: dict) -> None:
    """Someone left a conversation: forget their cached membership (App Home asks Slack again)."""
    event = as_dict(body.get("event"))
    user, channel = event.get("user"), event.get("channel")
    if isinstance(user, str):
        services.poster.members.forget(user)
        services.poster.bot_channels.forget(user)
    if isinstance(channel, str):
        services.poster.bot_in.forget(channel)
