"""The mention / slash-command grammar (pure parse, no I/O), and who asked where.

    cmd = parse_command("<@UVERDICT> summarize <https://example.org/a>")
    cmd.name, cmd.urls                  # 'summarize', ('https://example.org/a',)
    parse_command("digest 7d").days     # 7
    parse_command("schedule weekly fri 16:00 Europe/Berlin").spec   # 'weekly fri 16:00 Europe/Berlin'
    parse_command("what?").name         # 'help' (anything else gets the help text)

The grammar (CONTRACT.md, "In Slack"): a bare URL or `summarize URL`, `digest [7d]`, `schedule SPEC`,
`status`, `watch`, `unwatch`, `open`, `find WORDS [page N]`, `help`. The same words follow
`@Verdict` in a channel and `/verdict` in the slash command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from bot.digests.grammar import LookbackError, parse_lookback
from bot.render.blocks import escape
from bot.slack.links import LinksFound, find_links

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


def _links(text: str, *, event: dict | None, limit: int) -> LinksFound:
    source = dict(event) if event else {}
    # slash-command text carries bare URLs; mentions carry <url> (and blocks, which bot.slack.links reads too)
    source["text"] = _BARE_URL.sub(r"<\1>", text)
    return find_links(source, limit=limit)


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


