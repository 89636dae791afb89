"""`/verdict …` answered honestly from anywhere, and never from the web process's request threads.

    refusal = membership_refusal(services, command, invocation)   # "invite me first", or None
    submit_slash_brief(services, invocation, url)                 # fetch + CPU off the request threads
    answer_privately(services, invocation, message)               # via response_url, else postEphemeral

Where Verdict is not a member (a channel it was never invited to, someone else's DM), Slack still
delivers the slash command, but every post Verdict makes there fails with `not_in_channel`. So:

- commands that need Verdict in the conversation (`watch`, `status`, `schedule`, `digest`) answer
  at once with how to invite it, instead of claiming to watch or promising a digest;
- private answers (a `/verdict summarize` brief, a digest's confirmation) go to the command's
  `response_url`, which works in any conversation for 30 minutes; `chat.postEphemeral` only when
  there is none.

Membership comes from `conversations.info` (`is_member`), cached for MEMBERSHIP_CACHE_SECONDS and
asked with a short deadline: the slash command's ack has 3 s, and an unknown answer counts as
"member" (the old behaviour) rather than refusing.

`/verdict summarize URL` fetches on `Services.briefing` (its own small pool) and does the CPU work in
the link workers' CPU process, with its deadline (bot.jobs.workers.WorkerPool.make_brief), so the ack
path's threads never run trafilatura or the summariser.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from urllib.parse import urlsplit

from bot.errors import DeliveryError, SourceError
from bot.render.blocks import Message, brief_message, failure_message, text_message
from bot.slack.parsing import Command, Invocation
from bot.slack.services import Services

logger = logging.getLogger(__name__)

NEEDS_MEMBERSHIP = frozenset({"watch", "status", "schedule", "digest"})
MEMBERSHIP_CACHE_SECONDS = 60.0
MEMBERSHIP_DEADLINE_SECONDS = 1.5
# response_url hosts Slack uses; an emulator or test server at SLACK_API_URL's host is accepted too
SLACK_HOOK_HOSTS = frozenset({"hooks.slack.com", "hooks.slack-gov.com"})

_ACTIONS = {
    "watch": "watch it for links",
    "status": "watch it or post digests in it",
    "schedule": "post digests in it",
    "digest": "post a digest in it",
    "summarize": "brief that message's links in its thread",
}

_lookups = ThreadPoolExecutor(max_workers=2, thread_name_prefix="verdict-membership")


def invite_message(channel_id: str, command: str) -> Message:
    action = _ACTIONS.get(command, "answer there")
    return text_message(
        f":wave: Verdict isn't in this conversation, so it can't {action}. Invite it first: type "
        "`/invite @Verdict` here (or open the channel's details → *Integrations* → *Add apps*), then try "
        "again. In a direct message between other people Verdict can't be added; use a channel.")


def is_member(services: Services, channel_id: str) -> bool | None:
    """Is Verdict in this conversation? None when Slack did not say in time (callers then assume yes)."""
    now = time.monotonic()
    known, cached = services.poster.bot_in.lookup(channel_id, now)
    if known:
        return cached
    future = _lookups.submit(_ask, services, channel_id)
    try:
        member = future.result(timeout=MEMBERSHIP_DEADLINE_SECONDS)
    except FuturesTimeout:
        logger.info("conversations.info for %s took over %g s; assuming Verdict is a member", channel_id,
                    MEMBERSHIP_DEADLINE_SECONDS)
        return None
    if member is not None:
        # the join and leave events forget it (bot.slack.onboarding): an invite counts at once
        services.poster.bot_in.store(channel_id, member, now + MEMBERSHIP_CACHE_SECONDS, asked_at=now)
    return member


def _ask(services: Services, channel_id: str) -> bool | None:
    try:
        info = services.poster.channel_info(channel_id)
    except DeliveryError as error:
        if error.code in ("channel_not_found", "not_in_channel", "method_not_supported_for_channel_type"):
            return False  # a private conversation Verdict can't see is one it is not in
        logger.info("conversations.info for %s failed: %s", channel_id, error)
        return None
    if info.get("is_im"):
        return True  # Verdict's own DM (slash commands in others' DMs fail above)
    member = info.get("is_member")
    return bool(member) if member is not None else None


def membership_refusal(services: Services, command: Command, inv: Invocation) -> Message | None:
    """The "invite me first" answer when `command` needs Verdict in the conversation and it isn't."""
    if inv.via != "slash" or command.name not in NEEDS_MEMBERSHIP or not inv.channel_id:
        return None
    if is_member(services, inv.channel_id) is False:
        return invite_message(inv.channel_id, command.name)
    return None


def response_url_of(services: Services, inv: Invocation) -> str | None:
    """The invocation's response_url if it points at Slack (or at SLACK_API_URL's host)."""
    url = (inv.extra or {}).get("response_url") or ""
    try:
        parts = urlsplit(url)
        api = urlsplit(services.settings.slack_api_url)
    except ValueError:
        return None
    if parts.scheme == "https" and parts.hostname in SLACK_HOOK_HOSTS:
        return url
    if parts.scheme in ("http", "https") and parts.netloc and parts.netloc == api.netloc:
        return url
    return None


def answer_privately(services: Services, inv: Invocation, message: Message) -> None:
    """Only the person who typed the command sees it: response_url where given, else postEphemeral."""
    url = response_url_of(services, inv)
    try:
        if url:
            services.poster.respond(url, message)
        else:
            services.poster.post_ephemeral(inv.channel_id, inv.user_id or "", message)
    except DeliveryError as error:
        logger.warning("could not answer /verdict in %s: %s", inv.channel_id, error)


def submit_slash_brief(services: Services, inv: Invocation, url: str) -> None:
    """Brief `url` for the person who asked, on the briefing pool; the answer comes privately."""
    def run():
        try:
            answer_privately(services, inv, _brief(services, url))
        except Exception:
            logger.exception("/verdict summarize %s failed", url)
            answer_privately(services, inv, text_message(
                ":warning: Verdict couldn't brief that link just now (an error on its side, logged)."))

    services.briefing.submit(run)


def _brief(services: Services, url: str) -> Message:
    try:
        if services.pool is not None:
            brief = services.pool.make_brief(url)  # fetch here, CPU in the workers' CPU process
        else:
            from bot.pipeline.source import brief_source

            brief = brief_source(url, fetcher=services.fetcher, summarizer=services.summarizer)
        return brief_message(brief, inline_evidence=True)
    except SourceError as error:
        return failure_message(url, error)
