"""Briefs on request for messages that are not new: the "Brief this link" shortcut and `@Verdict` in a thread.

    accept_brief_shortcut(services, payload)      # message shortcut (callback BRIEF_SHORTCUT_ID); before the ack
    is_bare_mention(text)                         # "<@UVERDICT>" alone: in a thread, brief the parent's links
    brief_thread_parent(services, channel=…, thread_ts=…, mention_ts=…, user_id=…, team_id=…)   # after the ack

Both queue the links like any shared link (durable, one brief per link), answered in the message's
thread. They are explicit requests, so (like `@Verdict summarize URL`) a stored brief is not reused.
Each request gets its own `message_ts` in the queue (the mention's ts, or the shortcut's `action_ts`):
the queue's unique key is per message and link, and the shared message may already have its brief.
"""

from __future__ import annotations

import logging
import re
import time

from bot.db.jobs import enqueue_links
from bot.errors import DeliveryError
from bot.render.blocks import Message, text_message
from bot.slack.links import find_links
from bot.slack.parsing import Invocation
from bot.slack.services import Services
from bot.slack.slash import answer_privately, invite_message, is_member

logger = logging.getLogger(__name__)

BRIEF_SHORTCUT_ID = "verdict_brief_link"
_ONLY_MENTIONS = re.compile(r"^(?:\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s:,.!?]*)+$")
_TS = re.compile(r"^\d{1,12}\.\d{1,9}$")

NO_LINK_IN_PARENT = ("I found no link in this thread's first message to brief. Mention me with one: "
                     "`@Verdict https://…`")
NO_LINK_IN_MESSAGE = "That message has no link to brief."


def as_dict(value: object) -> dict:
    """`value` if it is a JSON object, else {} (Slack payloads are outside input: shapes are checked)."""
    return value if isinstance(value, dict) else {}


def is_bare_mention(text: str | None) -> bool:
    """True for a mention with nothing else in it ("<@UVERDICT>", "<@UVERDICT> ?")."""
    return bool(text) and bool(_ONLY_MENTIONS.match(text or ""))


def _queue(services: Services, *, team_id: str | None, channel: str, message_ts: str, thread_ts: str,
           user_id: str | None, urls: list[str]) -> list[int]:
    ids = enqueue_links(services.db, team_id=team_id, channel_id=channel, message_ts=message_ts,
                        thread_ts=thread_ts, user_id=user_id, urls=urls, fresh=True)
    services.notify_workers()
    return ids


def _say(services: Services, channel: str, message: Message, *, thread_ts: str | None = None,
         user: str | None = None) -> None:
    try:
        if user:
            services.poster.post_ephemeral(channel, user, message, thread_ts=thread_ts)
        else:
            services.poster.post_message(channel, message, thread_ts=thread_ts)
    except DeliveryError as error:
        logger.warning("could not answer in %s: %s", channel, error)


def brief_thread_parent(services: Services, *, channel: str, thread_ts: str, mention_ts: str,
                        user_id: str | None, team_id: str | None) -> list[int]:
    """`@Verdict` alone in a thread: brief the links of the thread's parent message, in that thread."""
    try:
        parent = services.poster.message_at(channel, thread_ts)
    except DeliveryError as error:
        logger.warning("could not read the parent of thread %s in %s: %s", thread_ts, channel, error)
        _say(services, channel, text_message(":warning: I couldn't read this thread's first message just now "
                                             "(Slack said no); please try again in a moment."), thread_ts=thread_ts)
        return []
    found = find_links(parent or {}, limit=services.settings.links_per_message)
    if not found.urls:
        _say(services, channel, text_message(NO_LINK_IN_PARENT), thread_ts=thread_ts)
        return []
    ids = _queue(services, team_id=team_id, channel=channel, message_ts=mention_ts, thread_ts=thread_ts,
                 user_id=user_id, urls=found.urls)
    if found.skipped:
        services.later(services.poster.post_skipped, channel, thread_ts, found.skipped,
                       services.settings.links_per_message)
    return ids


def accept_brief_shortcut(services: Services, payload: dict) -> list[int]:
    """The "Brief this link" message shortcut: queue the message's links, answered in its thread.

    Runs before the ack (a database write, like a shared link); answers needing Slack go after it.
    """
    message = as_dict(payload.get("message"))
    channel = as_dict(payload.get("channel")).get("id")
    user = as_dict(payload.get("user")).get("id")
    team = as_dict(payload.get("team")).get("id")
    ts = message.get("ts")
    if not isinstance(channel, str) or not channel or not isinstance(ts, str) or not ts:
        logger.info("shortcut without a channel or message ignored")
        return []
    user = user if isinstance(user, str) else None
    team = team if isinstance(team, str) else None
    thread_ts = message["thread_ts"] if isinstance(message.get("thread_ts"), str) else ts
    found = find_links(message, limit=services.settings.links_per_message)
    if not found.urls:
        services.later(_say, services, channel, text_message(NO_LINK_IN_MESSAGE), user=user)
        return []
    action_ts = payload.get("action_ts")
    request_ts = action_ts if isinstance(action_ts, str) and _TS.match(action_ts) else f"{time.time():.6f}"
    ids = _queue(services, team_id=team, channel=channel, message_ts=request_ts, thread_ts=thread_ts,
                 user_id=user, urls=found.urls)
    if found.skipped:
        services.later(services.poster.post_skipped, channel, thread_ts, found.skipped,
                       services.settings.links_per_message)
    response_url = payload.get("response_url") if isinstance(payload.get("response_url"), str) else None
    services.later(_invite_if_absent, services, channel, user, team, response_url)
    return ids


def _invite_if_absent(services: Services, channel: str, user: str | None, team: str | None,
                      response_url: str | None) -> None:
    """A shortcut on a message where Verdict is no member: its brief can't be posted there, so the
    person who asked is told privately how to invite it (the queued job fails on its own, once)."""
    if is_member(services, channel) is not False:
        return
    inv = Invocation(via="slash", channel_id=channel, user_id=user, team_id=team,
                     extra={"response_url": response_url} if response_url else {})
    answer_privately(services, inv, invite_message(channel, "summarize"))
