"""The ack path: turn a Slack event into durable work, fast, then let Slack have its 200.

    outcome = accept_message(services, body, bot_user_id="UVERDICT", bot_id="BVERDICT")
    outcome.action     # "queued" | "ignored" | "deleted"
    outcome.reason     # why it was ignored ("own message", "edit", "not watched", …)

Only database writes happen before the ack: `bot.db.jobs.enqueue_links` inserts one row per
(channel, message ts, link) under a unique key — so Slack's retries (`X-Slack-Retry-Num`) and
concurrent deliveries of one event add nothing — and, when something else hangs on the event,
`record_event` notes its id, which gates the side effects not keyed by link (the "links skipped"
line, command answers). Slack calls
(reactions, posts, deletes) happen after the ack, on `services.later` or in the workers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.db.jobs import EnqueueRequest, cancel_message_jobs, record_event
from bot.render.blocks import Message, text_message
from bot.slack.commands import execute
from bot.slack.links import find_links
from bot.slack.parsing import Invocation, parse_command
from bot.slack.services import Services
from bot.slack.shortcuts import brief_thread_parent, is_bare_mention
from bot.slack.slash import membership_refusal

logger = logging.getLogger(__name__)

# message subtypes that are a person (or another bot) sharing something new
_NEW_MESSAGE_SUBTYPES = {None, "bot_message", "thread_broadcast", "file_share", "me_message"}


@dataclass(frozen=True)
class Outcome:
    action: str  # "queued" | "ignored" | "deleted" | "answered"
    reason: str = ""
    job_ids: list[int] = field(default_factory=list)


def ignored(reason: str) -> Outcome:
    logger.debug("event ignored: %s", reason)
    return Outcome("ignored", reason)


def accept_message(services: Services, body: dict, *, bot_user_id: str | None, bot_id: str | None) -> Outcome:
    """A `message` event (any subtype): queue its links, delete our replies to a deleted message, or ignore it."""
    event = body.get("event") or {}
    subtype = event.get("subtype")
    channel = event.get("channel")
    if not channel:
        return ignored("no channel")
    if subtype == "message_deleted":
        return _message_deleted(services, channel, event.get("deleted_ts") or
                                (event.get("previous_message") or {}).get("ts"))
    changed = event.get("message") or {}
    if subtype == "message_changed" and changed.get("subtype") == "tombstone":
        # a deleted message that has replies (our brief, at least) stays as a "This message was deleted."
        # tombstone: Slack sends this message_changed, not message_deleted
        return _message_deleted(services, channel, changed.get("ts"))
    # edits and unfurls arrive as message_changed; joins, topics, pins … are not shares
    if subtype not in _NEW_MESSAGE_SUBTYPES:
        return ignored(f"subtype {subtype}")
    # never react to ourselves (Bolt's middleware drops these too; this keeps bot/ honest on its own)
    if (bot_user_id and event.get("user") == bot_user_id) or (bot_id and event.get("bot_id") == bot_id):
        return ignored("own message")
    if (event.get("bot_id") or subtype == "bot_message") and not services.settings.summarize_bot_messages:
        return ignored("bot message (SUMMARIZE_BOT_MESSAGES=false)")
    # a mention of Verdict is a command: the app_mention event answers it (with `summarize` semantics)
    if bot_user_id and f"<@{bot_user_id}" in (event.get("text") or ""):
        if event.get("channel_type") == "im":
            # Slack sends no app_mention for DMs: there the message itself carries the command
            return accept_mention(services, body)
        return ignored("mentions Verdict (handled as app_mention)")

    found = find_links(event, limit=services.settings.links_per_message)
    if not found.urls:
        if event.get("channel_type") == "im" and not event.get("bot_id") and (event.get("text") or "").strip():
            # in a DM with Verdict, "help" or "status" is said to Verdict even without an @-mention
            return accept_mention(services, body)
        return ignored("no links")
    if not services.is_watched(channel):
        return ignored("channel not watched")
    ts = event.get("ts")
    if not ts:
        return ignored("no ts")
    thread_ts = event.get("thread_ts") or ts
    job_ids = services.intake.enqueue(EnqueueRequest(
        team_id=body.get("team_id") or event.get("team"), channel_id=channel, message_ts=ts, thread_ts=thread_ts,
        user_id=event.get("user"), urls=tuple(found.urls)))
    if job_ids:
        services.notify_workers()
    # the event id is noted only when something hangs on it: one write transaction per ack, not two
    if found.skipped and _first_delivery(services, body):
        services.later(services.poster.post_skipped, channel, thread_ts, found.skipped,
                       services.settings.links_per_message)
    return Outcome("queued", job_ids=job_ids)


def _first_delivery(services: Services, body: dict) -> bool:
    event_id = body.get("event_id")
    # Socket Mode and HTTP both carry event_id; a body without one can't be deduplicated: treat as new
    return record_event(services.db, event_id) if event_id else True


def _message_deleted(services: Services, channel: str, message_ts: str | None) -> Outcome:
    if not message_ts:
        return ignored("deleted message without ts")
    jobs = cancel_message_jobs(services.db, channel, message_ts)
    replies = [job.reply_ts for job in jobs if job.reply_ts]
    for reply_ts in replies:
        services.later(services.poster.delete_message, channel, reply_ts)
    return Outcome("deleted", job_ids=[job.id for job in jobs])


def accept_mention(services: Services, body: dict) -> Outcome:
    """`@Verdict …` in a channel: run the command once per event, answer in the message's thread."""
    event = body.get("event") or {}
    channel, ts = event.get("channel"), event.get("ts")
    if not channel or not ts:
        return ignored("mention without channel or ts")
    command = parse_command(event.get("text") or "", event=event, link_limit=services.settings.links_per_message)
    thread_ts = event.get("thread_ts") or ts
    if thread_ts != ts and is_bare_mention(event.get("text")):
        # `@Verdict` alone in a thread: brief the links of the thread's parent message (CONTRACT.md)
        if not _first_delivery(services, body):
            return ignored("retry of an event already handled")
        services.later(brief_thread_parent, services, channel=channel, thread_ts=thread_ts, mention_ts=ts,
                       user_id=event.get("user"), team_id=body.get("team_id") or event.get("team"))
        return Outcome("answered", reason="thread parent")
    invocation = Invocation(via="mention", channel_id=channel, user_id=event.get("user"),
                            team_id=body.get("team_id") or event.get("team"), message_ts=ts, thread_ts=thread_ts)
    if command.name == "summarize":
        # queueing links is idempotent (unique key), so it runs for retries too: if the first delivery
        # died between noting the event and queueing, the retry still queues the links
        reply = execute(command, invocation, services)
        first = _first_delivery(services, body)
        if reply is not None and first:
            services.later(services.poster.post_message, channel, reply, thread_ts=thread_ts)
    else:
        if not _first_delivery(services, body):
            return ignored("retry of an event already handled")
        # after the ack: a digest may take a while to post, and Slack wants its 200 within 3 s
        services.later(_run_and_answer, services, command, invocation)
    return Outcome("answered", reason=command.name)


def _run_and_answer(services: Services, command, invocation: Invocation) -> None:
    try:
        reply = execute(command, invocation, services)
    except Exception:
        # the asker still hears back, in one line; the traceback goes to the log only
        logger.exception("@Verdict %s failed in %s", command.name, invocation.channel_id)
        reply = _crash_message(command.name)
    if reply is not None:
        services.poster.post_message(invocation.channel_id, reply, thread_ts=invocation.thread_ts)


def answer_slash(services: Services, payload: dict) -> Message:
    """`/verdict …`: the answer to send back (ephemeral) with the ack."""
    command = parse_command(payload.get("text") or "", link_limit=services.settings.links_per_message)
    invocation = Invocation(via="slash", channel_id=payload.get("channel_id") or "",
                            user_id=payload.get("user_id"), team_id=payload.get("team_id"),
                            trigger_id=payload.get("trigger_id"),
                            extra={"response_url": payload.get("response_url") or ""})
    try:
        refusal = membership_refusal(services, command, invocation)  # "invite me first" where it isn't in
        if refusal is not None:
            return refusal
        reply = execute(command, invocation, services)
    except Exception:
        # an exception here would be a 500, and Slack shows the user a bare "dispatch_failed"
        logger.exception("/verdict %s failed in %s", command.name, invocation.channel_id)
        return _crash_message(command.name)
    return reply or Message(text="Done.")


def _crash_message(name: str) -> Message:
    return text_message(f":warning: Verdict couldn't do `{name}` just now (an error on its side, logged); "
                        "please try again in a moment.")
