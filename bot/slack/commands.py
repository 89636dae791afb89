"""Talking to Verdict: the executor of a parsed command (the grammar is `bot.slack.parsing`).

    reply = execute(parse_command(text), invocation, services)   # -> bot.render.blocks.Message, or None

Mention answers go in the message's thread, slash answers are ephemeral.

`digest` and `schedule` are answered by `bot.digests` (the digester and the scheduler's commands).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.db import engine as storage
from bot.db.jobs import count_briefed_since, enqueue_links
from bot.digests.digester import handle_digest_command
from bot.digests.scheduler import describe_channel_digest, handle_schedule_command
from bot.errors import DeliveryError
from bot.render.blocks import (
    Message,
    escape,
    help_message,
    status_message,
    text_message,
)
from bot.slack.followups import answer_find, answer_open
from bot.slack.parsing import Command, Invocation
from bot.slack.people import asker_timezone_spec
from bot.slack.services import Services
from bot.slack.slash import answer_privately, submit_slash_brief

logger = logging.getLogger(__name__)

# --- the executor ----------------------------------------------------------------------------

def execute(command: Command, inv: Invocation, services: Services) -> Message | None:
    """Carry out a command; returns the answer (None when the answer comes later, e.g. a brief)."""
    handler = {
        "summarize": _summarize,
        "digest": _digest,
        "schedule": _schedule,
        "status": _status,
        "watch": _watch,
        "unwatch": _unwatch,
        "open": _open,
        "find": _find,
    }.get(command.name)
    if handler is None:
        return help_message(slash=inv.via == "slash", note=command.note)
    return handler(command, inv, services)


def _skipped_note(command: Command, services: Services) -> str:
    if not command.skipped:
        return ""
    noun = "link was" if command.skipped == 1 else "links were"
    return (f"{command.skipped} more {noun} skipped: Verdict briefs at most "
            f"{services.settings.links_per_message} links per message.")


def _summarize(command: Command, inv: Invocation, services: Services) -> Message | None:
    if inv.via == "mention" and inv.message_ts:
        # durable like any shared link, but `fresh`: an explicit request never reuses a stored brief
        enqueue_links(services.db, team_id=inv.team_id, channel_id=inv.channel_id, message_ts=inv.message_ts,
                      thread_ts=inv.thread_ts or inv.message_ts, user_id=inv.user_id,
                      urls=list(command.urls), fresh=True)
        services.notify_workers()
        note = _skipped_note(command, services)
        return Message(text=note) if note else None
    # the slash command has no thread to answer in: brief now, answer privately
    for url in command.urls:
        submit_slash_brief(services, inv, url)  # fetch + CPU off the request threads; answered via response_url
    urls = escape(", ".join(command.urls))
    lines = [f":eyes: Reading {urls} — the brief will appear here in a moment (only you can see it)."]
    if command.skipped:
        lines.append(_skipped_note(command, services))
    return text_message("\n".join(lines))


def _watch(command: Command, inv: Invocation, services: Services) -> Message:
    services.set_watched(inv.channel_id, True, team_id=inv.team_id)
    return text_message(f":eyes: Verdict is watching <#{inv.channel_id}>: every link shared here gets a brief "
                        "in its thread.")


def _unwatch(command: Command, inv: Invocation, services: Services) -> Message:
    services.set_watched(inv.channel_id, False, team_id=inv.team_id)
    return text_message(f":zzz: Verdict stopped watching <#{inv.channel_id}>. `@Verdict URL` still briefs a "
                        "link on request; `@Verdict watch` starts again.")


def _open(command: Command, inv: Invocation, services: Services) -> Message:
    return answer_open(services, channel_id=inv.channel_id)


def _find(command: Command, inv: Invocation, services: Services) -> Message | None:
    """Answered to the asker only: the results may come from conversations others here are not in."""
    if inv.via == "slash":
        # visibility checks call Slack: longer than the 3 s a slash command's ack may take
        services.later(_find_ephemeral, command, inv, services)
        return text_message(":mag: Searching the briefs you can see…")
    _find_ephemeral(command, inv, services)
    return None


def _find_ephemeral(command: Command, inv: Invocation, services: Services) -> None:
    prefix = "/verdict find" if inv.via == "slash" else "@Verdict find"
    message = answer_find(services, team_id=inv.team_id, user_id=inv.user_id, query=command.query,
                          page=command.page, command=prefix)
    try:
        services.poster.post_ephemeral(inv.channel_id, inv.user_id or "", message,
                                       thread_ts=inv.thread_ts if inv.via == "mention" else None)
    except DeliveryError as error:
        logger.warning("could not answer find in %s: %s", inv.channel_id, error)


def _status(command: Command, inv: Invocation, services: Services) -> Message:
    channel = storage.get_channel(services.db, inv.channel_id)
    return status_message(inv.channel_id, watched=channel.watched, digest=_describe_digest(services, inv.channel_id),
                          briefs_last_week=briefs_since(services, inv.channel_id, days=7),
                          links_per_message=services.settings.links_per_message)


def briefs_since(services: Services, channel_id: str, *, days: int) -> int:
    """How many links of this channel were briefed in the last `days` days."""
    return count_briefed_since(services.db, channel_id, since=storage.utcnow() - timedelta(days=days))


def _digest(command: Command, inv: Invocation, services: Services) -> Message:
    args = f"{command.days}d" if command.days else ""
    if inv.via == "slash":
        # posting a long digest is paced at ~1 message/s: longer than the 3 s Slack gives a slash command
        services.later(_digest_ephemeral, services, inv, args)
        return text_message(":hourglass_flowing_sand: Putting the digest together — it will appear in this "
                            "channel in a moment.")
    return _answer_digest(services, inv, args)


def _answer_digest(services: Services, inv: Invocation, args: str) -> Message:
    return text_message(handle_digest_command(services.settings, services.db, services.poster, inv.channel_id,
                                              inv.user_id, args, digester=services.digester))


def _digest_ephemeral(services: Services, inv: Invocation, args: str) -> None:
    try:
        message = _answer_digest(services, inv, args)
    except Exception:
        logger.exception("/verdict digest failed in %s", inv.channel_id)
        message = text_message(":warning: Verdict couldn't post the digest just now (an error on its side, "
                               "logged); please try again in a moment.")
    answer_privately(services, inv, message)  # response_url: works in any conversation


def _schedule(command: Command, inv: Invocation, services: Services) -> Message:
    # no timezone typed: the asker's own Slack timezone (users.info → tz), and the answer says so
    spec, note = asker_timezone_spec(services.poster, inv.user_id, command.spec)
    answer = handle_schedule_command(services.settings, services.db, services.poster, inv.channel_id,
                                     inv.user_id, spec, on_change=services.schedule_changed)
    return text_message(f"{answer} {note}" if note else answer)


def _describe_digest(services: Services, channel_id: str) -> str:
    return describe_channel_digest(services.settings, services.db, channel_id)
