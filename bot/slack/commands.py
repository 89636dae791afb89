"""Talking to Verdict: the mention / slash-command grammar (pure parse) and its executor.

    cmd = parse_command("<@UVERDICT> summarize <https://example.org/a>")
    cmd.name, cmd.urls                  # 'summarize', ('https://example.org/a',)
    parse_command("digest 7d").days     # 7
    parse_command("schedule weekly fri 16:00 Europe/Berlin").spec   # 'weekly fri 16:00 Europe/Berlin'
    parse_command("what?").name         # 'help' (anything else gets the help text)

    reply = execute(cmd, invocation, services)    # -> bot.render.blocks.Message to answer with, or None

The grammar (CONTRACT.md, "In Slack"): a bare URL or `summarize URL`, `digest [7d]`, `schedule SPEC`,
`status`, `watch`, `unwatch`, `help`. The same words follow `@Verdict` in a channel and `/verdict`
in the slash command; mention answers go in the message's thread, slash answers are ephemeral.

`digest` and `schedule` are answered by `bot.digests.digester` / `bot.digests.scheduler` when those modules provide
the hooks named in `_DIGEST_HOOK` / `_SCHEDULE_HOOK` / `_DESCRIBE_HOOK` (the digest helper's
branches, at the end of this module); until then, "Digests are coming soon".
"""

from __future__ import annotations

import importlib
import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy import func, select

from bot.db import engine as storage
from bot.db.tables import LinkJob
from bot.render.blocks import (
    Message,
    help_message,
    status_message,
    text_message,
)
from bot.slack.links import find_links
from bot.slack.slash import answer_privately, submit_slash_brief

if TYPE_CHECKING:
    from bot.slack.app import Services

logger = logging.getLogger(__name__)

CommandName = Literal["summarize", "digest", "schedule", "status", "watch", "unwatch", "help"]
COMMANDS: tuple[str, ...] = ("summarize", "digest", "schedule", "status", "watch", "unwatch", "help")
_ALIASES = {"summarise": "summarize", "brief": "summarize"}

COMING_SOON = "Digests are coming soon: Verdict will post each channel's new briefs on a schedule."

# leading `<@U123>` / `<@U123|verdict>` mentions of the bot (and anyone else) before the command word
_LEADING_MENTIONS = re.compile(r"^(?:\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s:,]*)+")
# a URL typed bare (slash commands arrive unescaped) — wrapped as <url> so bot.slack.links finds it
_BARE_URL = re.compile(r"(?<![<|\w])(https?://[^\s<>]+)", re.IGNORECASE)
_LOOKBACK = re.compile(r"^(\d{1,3})\s*(?:d|day|days)$", re.IGNORECASE)


@dataclass(frozen=True)
class Command:
    """One parsed request. `note` says why a request fell back to help."""

    name: CommandName
    urls: tuple[str, ...] = ()
    skipped: int = 0  # links over the per-message cap
    days: int | None = None  # `digest 7d`: a look-back of that many days
    spec: str = ""  # `schedule SPEC` as typed (the digest helper's grammar)
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
        if not rest:
            return Command("digest")
        match = _LOOKBACK.match(rest)
        if not match or int(match.group(1)) < 1:
            return Command("help", note="`digest` takes an optional look-back in days, such as `digest 7d`.")
        return Command("digest", days=int(match.group(1)))
    if word == "schedule":
        return Command("schedule", spec=rest)
    if word in ("status", "watch", "unwatch", "help"):
        return Command(word)  # type: ignore[arg-type]
    # "Look at <url> cc @Verdict": someone pointing Verdict at a link means "brief it"
    found = _links(text, event=event, limit=link_limit)
    if found.urls:
        return Command("summarize", urls=tuple(found.urls), skipped=found.skipped)
    shown = text if len(text) <= 60 else text[:59] + "…"
    # echoed as text, not markup: `<!channel>` or `<@U…>` in it must not notify anyone on Verdict's behalf
    # (Slack already sends `&` as `&amp;`, so only the angle brackets need escaping)
    shown = shown.replace("<", "&lt;").replace(">", "&gt;")
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
        from bot.db.jobs import enqueue_links

        enqueue_links(services.db, team_id=inv.team_id, channel_id=inv.channel_id, message_ts=inv.message_ts,
                      thread_ts=inv.thread_ts or inv.message_ts, user_id=inv.user_id,
                      urls=list(command.urls), fresh=True)
        services.notify_workers()
        note = _skipped_note(command, services)
        return Message(text=note) if note else None
    # the slash command has no thread to answer in: brief now, answer privately
    for url in command.urls:
        submit_slash_brief(services, inv, url)  # fetch + CPU off the request threads; answered via response_url
    urls = ", ".join(command.urls)
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


def _status(command: Command, inv: Invocation, services: Services) -> Message:
    channel = storage.get_channel(services.db, inv.channel_id)
    return status_message(inv.channel_id, watched=channel.watched, digest=_describe_digest(services, inv.channel_id),
                          briefs_last_week=briefs_since(services, inv.channel_id, days=7),
                          links_per_message=services.settings.links_per_message)


def briefs_since(services: Services, channel_id: str, *, days: int) -> int:
    """How many links of this channel were briefed in the last `days` days."""
    since = storage.utcnow() - timedelta(days=days)
    with services.db.session(readonly=True) as s:
        query = select(func.count(LinkJob.id)).where(
            LinkJob.channel_id == channel_id, LinkJob.state == "done", LinkJob.brief_id.is_not(None),
            LinkJob.finished_at >= since)
        return int(s.scalar(query) or 0)


# --- digest and schedule: answered by the "digest" helper's modules when they exist -------------
# Hooks (module-level functions; see notes/SLACK_INTERFACES.md):
#   bot.digests.digester.handle_digest_command(settings, db, poster, channel_id, user_id, args) -> Message | str
#   bot.digests.scheduler.handle_schedule_command(settings, db, poster, channel_id, user_id, spec) -> Message | str
#   bot.digests.scheduler.describe_channel_digest(settings, db, channel_id) -> str   (one line for `status`)
_DIGEST_HOOK = ("bot.digests.digester", "handle_digest_command")
_SCHEDULE_HOOK = ("bot.digests.scheduler", "handle_schedule_command")
_DESCRIBE_HOOK = ("bot.digests.scheduler", "describe_channel_digest")


def _digest(command: Command, inv: Invocation, services: Services) -> Message:
    answer = _hook(*_DIGEST_HOOK)
    if answer is None:
        return text_message(COMING_SOON)
    args = f"{command.days}d" if command.days else ""
    if inv.via == "slash":
        # posting a long digest is paced at ~1 message/s: longer than the 3 s Slack gives a slash command
        services.later(_digest_ephemeral, answer, services, inv, args)
        return text_message(":hourglass_flowing_sand: Putting the digest together — it will appear in this "
                            "channel in a moment.")
    return _as_message(answer(services.settings, services.db, services.poster, inv.channel_id, inv.user_id, args))


def _digest_ephemeral(answer, services: Services, inv: Invocation, args: str) -> None:
    try:
        message = _as_message(answer(services.settings, services.db, services.poster, inv.channel_id,
                                     inv.user_id, args))
    except Exception:
        logger.exception("/verdict digest failed in %s", inv.channel_id)
        message = text_message(":warning: Verdict couldn't post the digest just now (an error on its side, "
                               "logged); please try again in a moment.")
    answer_privately(services, inv, message)  # response_url: works in any conversation


def _schedule(command: Command, inv: Invocation, services: Services) -> Message:
    answer = _hook(*_SCHEDULE_HOOK)
    if answer is None:
        return text_message(COMING_SOON)
    return _as_message(answer(services.settings, services.db, services.poster, inv.channel_id, inv.user_id,
                              command.spec))


def _describe_digest(services: Services, channel_id: str) -> str:
    describe = _hook(*_DESCRIBE_HOOK)
    return describe(services.settings, services.db, channel_id) if describe is not None else COMING_SOON


def _as_message(answer: Message | str) -> Message:
    return answer if isinstance(answer, Message) else text_message(str(answer))


def _hook(module_name: str, attribute: str):
    """`module.attribute` if that module exists and defines it, else None."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        return None
    return getattr(module, attribute, None)
