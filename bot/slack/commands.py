"""Talking to Verdict: the mention / slash-command grammar (pure parse) and its executor.

    cmd = parse_command("<@UVERDICT> summarize <https://example.org/a>")
    cmd.name, cmd.urls                  # 'summarize', ('https://example.org/a',)
    parse_command("digest 7d").days     # 7
    parse_command("schedule weekly fri 16:00 Europe/Berlin").spec   # 'weekly fri 16:00 Europe/Berlin'
    parse_command("what?").name         # 'help' (anything else gets the help text)

    reply = execute(cmd, invocation, services)    # -> bot.render.blocks.Message to answer with, or None

The grammar (CONTRACT.md, "In Slack"): a bare URL or `summarize URL`, `digest [7d]`, `schedule SPEC`,
`status`, `watch`, `unwatch`, `open`, `find WORDS [page N]`, `help`. The same words follow `@Verdict` in a channel and `/verdict`
in the slash command; mention answers go in the message's thread, slash answers are ephemeral.

`digest` and `schedule` are answered by `bot.digests` (the digester and the scheduler's commands).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal

from bot.db import engine as storage
from bot.db.jobs import count_briefed_since, enqueue_links
from bot.digests.digester import handle_digest_command
from bot.digests.grammar import LookbackError, parse_lookback
from bot.digests.scheduler import describe_channel_digest, handle_schedule_command
from bot.errors import DeliveryError, SourceError
from bot.pipeline.source import brief_source
from bot.render.blocks import (
    Message,
    brief_message,
    escape,
    failure_message,
    help_message,
    status_message,
    text_message,
)
from bot.slack.followups import answer_find, answer_open
from bot.slack.links import find_links
from bot.slack.people import asker_timezone_spec
from bot.slack.services import Services

logger = logging.getLogger(__name__)

CommandName = Literal["summarize", "digest", "schedule", "status", "watch", "unwatch", "open", "find", "help"]
COMMANDS: tuple[str, ...] = ("summarize", "digest", "schedule", "status", "watch", "unwatch", "open", "find",
                             "help")
_ALIASES = {"summarise": "summarize", "brief": "summarize"}

# leading `<@U123>` / `<@U123|verdict>` mentions of the bot (and anyone else) before the command word
_LEADING_MENTIONS = re.compile(r"^(?:\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s:,]*)+")
# a URL typed bare (slash commands arrive unescaped) — wrapped as <url> so bot.slack.links finds it
_BARE_URL = re.compile(r"(?<![<|\w])(https?://[^\s<>]+)", re.IGNORECASE)
_FIND_PAGE = re.compile(r"^(.*?)\s+page\s+(\d{1,3})$", re.IGNORECASE | re.DOTALL)  # `find WORDS page 2`


@dataclass(frozen=True)
class Command:
    """One parsed request. `note` says why a request fell back to help."""

    name: CommandName
    urls: tuple[str, ...] = ()
    skipped: int = 0  # links over the per-message cap
    days: int | None = None  # `digest 7d`: a look-back of that many days
    spec: str = ""  # `schedule SPEC` as typed (the digest helper's grammar)
    query: str = ""  # `find WORDS`
    page: int = 1  # `find WORDS page N`
    note: str | None = None


def _looks_like_url(word: str) -> bool:
    return word.lower().startswith(("<http://", "<https://", "http://", "https://"))


def parse_command(text: str, *, event: dict | None = None, link_limit: int = 5) -> Command:
    """Parse what follows `@Verdict` or `/verdict`. Never raises: anything unknown is `help`.

    `event` (a mention's Slack event) lets links come from its rich-text blocks too.
    """
    text = _LEADING_MENTIONS.sub("", text or "", count=1).strip()
    if not text:
        return Command("help")
    first, _, rest = text.partition(" ")
    word = first.lower().strip(":,.!?")
    word = _ALIASES.get(word, word)
    rest = rest.strip()

    if _looks_like_url(first) or word == "summarize":
        found = _links(text, event=event, limit=link_limit)
        if not found.urls:
            return Command("help", note="`summarize` needs a link: `summarize https://…`")
        return Command("summarize", urls=tuple(found.urls), skipped=found.skipped)
    if word == "digest":
        try:  # one look-back grammar for the command and the digester (`7d`, `2w`, `30 days`)
            days = parse_lookback(rest)
        except LookbackError as error:
            return Command("help", note=f"{error}.")
        return Command("digest", days=days)
    if word == "schedule":
        return Command("schedule", spec=rest)
    if word in ("status", "watch", "unwatch", "help"):
        return Command(word)  # type: ignore[arg-type]
    if word == "open" and not rest:
        return Command("open")
    if word == "find" and not _links(rest, event=None, limit=1).urls:
        paged = _FIND_PAGE.match(rest)
        query, page = (paged.group(1), int(paged.group(2))) if paged else (rest, 1)
        if not query.strip() or page < 1:
            return Command("help", note="`find` needs words to look for: `find ukraine missiles`.")
        return Command("find", query=query[:300], page=page)
    # "Look at <url> cc @Verdict": someone pointing Verdict at a link means "brief it"
    found = _links(text, event=event, limit=link_limit)
    if found.urls:
        return Command("summarize", urls=tuple(found.urls), skipped=found.skipped)
    shown = text if len(text) <= 60 else text[:59] + "…"
    # echoed as text, not markup: `<!channel>` or `<@U…>` in it must not notify anyone on Verdict's behalf
    # (Slack already sends `&` as `&amp;`, so only the angle brackets need escaping)
    shown = escape(shown.replace("&amp;", "&"))
    return Command("help", note=f"Verdict doesn't know “{shown}”. Here is what it does:")


def _links(text: str, *, event: dict | None, limit: int):
    source = dict(event) if event else {}
    # slash-command text carries bare URLs; mentions carry <url> (and blocks, which bot.slack.links reads too)
    source["text"] = _BARE_URL.sub(r"<\1>", text)
    return find_links(source, limit=limit)


# --- the executor ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Invocation:
    """Who asked, where, and how (a mention in a channel or the slash command)."""

    via: Literal["mention", "slash"]
    channel_id: str
    user_id: str | None
    team_id: str | None = None
    message_ts: str | None = None  # mention: the message that mentioned Verdict
    thread_ts: str | None = None  # mention: where answers go
    trigger_id: str | None = None
    extra: dict = field(default_factory=dict)


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
        services.later(_brief_ephemeral, services, inv, url)
    urls = escape(", ".join(command.urls))
    lines = [f":eyes: Reading {urls} — the brief will appear here in a moment (only you can see it)."]
    if command.skipped:
        lines.append(_skipped_note(command, services))
    return text_message("\n".join(lines))


def _brief_ephemeral(services: Services, inv: Invocation, url: str) -> None:
    try:
        brief = brief_source(url, fetcher=services.fetcher, summarizer=services.summarizer)
        message = brief_message(brief, inline_evidence=True)
    except SourceError as error:
        message = failure_message(url, error)
    try:
        services.poster.post_ephemeral(inv.channel_id, inv.user_id or "", message)
    except DeliveryError as error:
        logger.warning("could not answer /verdict summarize in %s: %s", inv.channel_id, error)


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
    try:
        services.poster.post_ephemeral(inv.channel_id, inv.user_id or "", message)
    except DeliveryError as error:
        logger.warning("could not answer /verdict digest in %s: %s", inv.channel_id, error)


def _schedule(command: Command, inv: Invocation, services: Services) -> Message:
    # no timezone typed: the asker's own Slack timezone (users.info → tz), and the answer says so
    spec, note = asker_timezone_spec(services.poster, inv.user_id, command.spec)
    answer = handle_schedule_command(services.settings, services.db, services.poster, inv.channel_id,
                                     inv.user_id, spec, on_change=services.schedule_changed)
    return text_message(f"{answer} {note}" if note else answer)


def _describe_digest(services: Services, channel_id: str) -> str:
    return describe_channel_digest(services.settings, services.db, channel_id)
