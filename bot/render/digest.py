"""Rendering a digest for Slack: entries → one or more messages (pure functions, no I/O).

    messages = render_digest(entries, channel_id="C1", channel_name="general",
                             period_start=start, period_end=end, tz=ZoneInfo("Europe/Berlin"))
    first, *rest = messages      # `first` goes top-level; `rest` continue in its thread, in order

Layout: a header (channel and period), a one-line tally ("3 approved · 2 declined · 1 pending"),
then the briefs grouped by status, pending first (the ones someone may have to act on). Each brief
is a section (title linked to the article, a "thread" link to where it was shared, requester →
request, the decision and who decided, the reason) and a context line (site, date, who shared it
by display name — never a `<@U…>` mention, digests ping nobody — and when, as a `<!date^…>` token
each reader sees in their own timezone). Every message has an escaped plain-text `text` fallback.

A digest of more than COMPACT_OVER briefs is posted as a compact top-level message (the tally, the
pending and the most recent few, one line each; at most 20 blocks) and the full list in its thread.
The same story shared twice (same title and site, or same page) is listed once.

Slack's limits are enforced by splitting, never by dropping: at most 50 blocks, 3,000 characters
per section, 150 per header and about 12,000 characters per message (blocks plus fallback). A
digest that doesn't fit continues in further messages, each starting with "part i of n" and the
group it continues; every entry appears in exactly one message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.models import Brief, Status
from bot.render.blocks import (
    FALLBACK_LIMIT,
    HEADER_LIMIT,
    MAX_BLOCKS,
    SECTION_TEXT_LIMIT,
    STATUS_EMOJI,
    STATUS_WORD,
    Message,
    capitalised,
    context,
    escape,
    format_date,
    header,
    link,
    section,
    status_line,
    truncate,
)

__all__ = [
    "MAX_MESSAGE_CHARS", "DigestEntry", "DigestPage", "Message", "message_size", "order_entries",
    "paginate_digest", "render_digest", "render_empty", "tally",
]

# Slack documents no hard total, but messages much above ~12,000 characters are refused or cut
MAX_MESSAGE_CHARS = 12_000
# room kept for the "part i of n" line, written once the number of parts is known
_PART_LINE_RESERVE = 80
STATUS_ORDER = (Status.PENDING, Status.APPROVED, Status.PARTIAL, Status.DECLINED, Status.UNKNOWN)
# above this many briefs the top-level message is a compact overview and the list goes in its thread
COMPACT_OVER = 15
COMPACT_PENDING = 5  # pending briefs named in the overview
COMPACT_RECENT = 5  # most recent other briefs named in the overview
COMPACT_MAX_BLOCKS = 20
_TALLY_WORD = {Status.APPROVED: "approved", Status.PARTIAL: "partly approved", Status.DECLINED: "declined",
               Status.PENDING: "pending", Status.UNKNOWN: "no decision"}
# per-field caps so that one brief's section stays well under 3,000 characters
_LIMITS = {"title": 250, "requester": 150, "request": 450, "decided_by": 150, "decision": 400,
           "reason": 600, "summary": 400, "site": 100}


@dataclass(frozen=True)
class DigestEntry:
    """One brief in a digest, with where and by whom its link was shared."""

    brief: Brief
    permalink: str | None = None  # the message that shared the link (its thread holds the brief)
    shared_by: str | None = None  # Slack user id (never rendered: a mention would ping them)
    shared_at: datetime | None = None
    shared_by_name: str | None = None  # their display name (bot.slack.people), shown instead


_TALLY_ORDER = (Status.APPROVED, Status.PARTIAL, Status.DECLINED, Status.PENDING, Status.UNKNOWN)


# a digest names at most this many different people; the others' links are listed without a name
MAX_NAMES_PER_DIGEST = 100


def name_entries(entries: Sequence[DigestEntry], display_name: Callable[[str], str | None] | None, *,
                 limit: int = MAX_NAMES_PER_DIGEST) -> list[DigestEntry]:
    """`shared_by_name` filled in by `display_name(user_id)` (the poster's cached users.info), once per person."""
    if display_name is None:
        return list(entries)
    names: dict[str, str | None] = {}
    out = []
    for entry in entries:
        user = entry.shared_by
        if user and user not in names and len(names) < limit:
            names[user] = display_name(user)
        name = names.get(user) if user else None
        out.append(replace(entry, shared_by_name=name) if name else entry)
    return out


def tally(entries: Sequence[DigestEntry]) -> str:
    """'3 approved · 2 declined · 1 pending' (statuses with no briefs are left out)."""
    counts = {status: 0 for status in _TALLY_ORDER}
    for entry in entries:
        counts[entry.brief.status] += 1
    return " · ".join(f"{n} {_TALLY_WORD[s]}" for s, n in counts.items() if n) or "no new briefs"


def message_size(message: Message) -> int:
    """Characters Slack counts against a message: the fallback plus every text in the blocks."""
    return len(message.text) + sum(_block_chars(b) for b in message.blocks)


def _block_chars(block: dict) -> int:
    if "text" in block and isinstance(block["text"], dict):
        return len(block["text"]["text"])
    return sum(len(e.get("text", "")) for e in block.get("elements", []))


def _one_line(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _clip(brief: Brief, name: str) -> str:
    return truncate(_one_line(getattr(brief, name)), _LIMITS[name])


def _period(start: datetime | None, end: datetime, tz: ZoneInfo) -> str:
    end_local = end.astimezone(tz)
    if start is None:
        return f"until {end_local.day} {end_local:%b %Y}"
    start_local = start.astimezone(tz)
    if start_local.date() == end_local.date():
        return f"{end_local.day} {end_local:%b %Y}"
    if start_local.year == end_local.year:
        return f"{start_local.day} {start_local:%b} – {end_local.day} {end_local:%b %Y}"
    return f"{start_local.day} {start_local:%b %Y} – {end_local.day} {end_local:%b %Y}"


def _title(channel_name: str | None, period: str, lookback: bool) -> str:
    kind = "Verdict look-back" if lookback else "Verdict digest"
    where = f" · #{channel_name}" if channel_name else ""
    return truncate(f"{kind}{where} · {period}", HEADER_LIMIT)


def slack_date(moment: datetime, tz: ZoneInfo, token_format: str = "{date_short} {time}") -> str:
    """A `<!date^…>` token: each reader sees the time in their own timezone; the fallback is in `tz`."""
    local = moment.astimezone(tz)
    fallback = f"{local.day} {local:%b %H:%M} {local.tzname() or ''}".strip()
    return f"<!date^{int(moment.timestamp())}^{token_format}|{escape(fallback)}>"


def _article(brief: Brief) -> str | None:
    return brief.source if brief.source.startswith(("http://", "https://")) else None


def _title_link(entry: DigestEntry, limit: int) -> str:
    brief = entry.brief
    title = truncate(_one_line(brief.title) or brief.source, limit)
    article = _article(brief)
    line = f"*{link(article, title)}*" if article else f"*{escape(title)}*"
    if entry.permalink:
        line += f" · {link(entry.permalink, 'thread')}"
    return line


def _entry_blocks(entry: DigestEntry, tz: ZoneInfo) -> list[dict]:
    brief = entry.brief
    lines = [_title_link(entry, _LIMITS["title"])]
    if brief.requester or brief.request:
        who = escape(capitalised(_clip(brief, "requester"))) or "_someone_"
        what = escape(_clip(brief, "request")) or "_request not stated_"
        lines.append(f"{who} → {what}")
    elif brief.summary:
        lines.append(escape(_clip(brief, "summary")))
    lines.append(truncate(status_line(brief), 700))
    if brief.reason:
        lines.append(f"_Why:_ {escape(_clip(brief, 'reason'))}")

    facts = []
    if brief.site:
        facts.append(escape(_clip(brief, "site")))
    if brief.published:
        facts.append(escape(format_date(brief.published) or ""))
    shared = "shared"
    if entry.shared_by_name:
        shared += f" by {escape(truncate(_one_line(entry.shared_by_name), 80))}"
    if entry.shared_at:
        shared += f" {slack_date(entry.shared_at, tz)}"
    if shared != "shared":
        facts.append(shared)
    blocks = [section(truncate("\n".join(lines), SECTION_TEXT_LIMIT))]
    if facts:
        blocks.append(context(" · ".join(facts)))
    return blocks


def _entry_fallback(entry: DigestEntry) -> str:
    # short on purpose: the fallback is for notifications and screen readers, the blocks carry the detail
    brief = entry.brief
    title = truncate(_one_line(brief.title) or brief.source, 90)
    return f"• {escape(title)} — {_TALLY_WORD[brief.status]}\n"


def _compact_line(entry: DigestEntry) -> str:
    """One line of the overview: ':no_entry: *<article|title>* · <thread|thread> — Requester → request'."""
    brief = entry.brief
    line = f"{STATUS_EMOJI[brief.status]} {_title_link(entry, 120)}"
    if brief.requester or brief.request:
        who = escape(capitalised(truncate(_one_line(brief.requester), 60))) or "someone"
        what = escape(truncate(_one_line(brief.request), 100)) or "a request"
        line += f" — {who} → {what}"
    return line


def compact_overview(ordered: Sequence[DigestEntry], *, title: str, intro: str) -> list[dict]:
    """The top-level message of a big digest: the tally, the pending and the most recent few (≤ 20 blocks)."""
    pending = [e for e in ordered if e.brief.status == Status.PENDING]
    others = [e for e in ordered if e.brief.status != Status.PENDING]
    recent = sorted(others, key=lambda e: e.shared_at.timestamp() if e.shared_at else 0.0,
                    reverse=True)[:COMPACT_RECENT]
    blocks = [header(title), section(intro)]
    if pending:
        lines = [f"{STATUS_EMOJI[Status.PENDING]} *Pending* ({len(pending)}) — the ones to follow up"]
        lines += [_compact_line(e) for e in pending[:COMPACT_PENDING]]
        if len(pending) > COMPACT_PENDING:
            lines.append(f"_… and {len(pending) - COMPACT_PENDING} more pending in the thread_")
        blocks.append(section(_fit_lines(lines)))
    if recent:
        lines = ["*Most recent*"] + [_compact_line(e) for e in recent]
        blocks.append(section(_fit_lines(lines)))
    blocks.append(context(f":thread: The full list of {len(ordered)} briefs is in the thread of this message."))
    return blocks[:COMPACT_MAX_BLOCKS]


def _fit_lines(lines: list[str]) -> str:
    """Whole lines up to a section's 3,000 characters (a cut link would be broken markup)."""
    kept: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > SECTION_TEXT_LIMIT - 20:
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept)


def _group_header(status: Status, count: int, continued: bool) -> dict:
    label = f"{STATUS_EMOJI[status]} *{STATUS_WORD[status]}* ({count})"
    return section(label + (" — continued" if continued else ""))


class _Page:
    """One message being filled; `fits` checks the block count and the character budget.

    Running totals keep a 1,000-brief digest linear: nothing is re-counted per entry.
    """

    def __init__(self, blocks: list[dict], text: str, *, first: int):
        self.blocks: list[dict] = []
        self.text = text
        self.lines: list[str] = []
        self.first = first  # index of its first entry
        self.through = first
        self.fallback_chars = len(text)
        self.block_chars = 0
        self.add(blocks, None)

    def add(self, blocks: list[dict], line: str | None) -> None:
        self.blocks.extend(blocks)
        self.block_chars += sum(_block_chars(b) for b in blocks)
        if line is not None:
            self.lines.append(line)
            self.fallback_chars += len(line)

    def fits(self, blocks: list[dict], line: str) -> bool:
        fallback = self.fallback_chars + len(line)
        added = sum(_block_chars(b) for b in blocks)
        return (
            len(self.blocks) + len(blocks) <= MAX_BLOCKS - 1  # one block kept for the "part i of n" line
            and fallback + self.block_chars + added + _PART_LINE_RESERVE <= MAX_MESSAGE_CHARS
            and fallback <= FALLBACK_LIMIT
        )


@dataclass(frozen=True)
class DigestPage:
    """One message of a digest: part `part`, holding the ordered entries up to index `through`."""

    message: Message
    part: int
    through: int


def _story_keys(brief: Brief) -> tuple[str, ...]:
    keys = [f"url:{brief.source.lower().rstrip('/')}"]
    title = " ".join(_one_line(brief.title).lower().split())
    if len(title) >= 12:  # short titles ("News", "Home") say nothing about the story
        keys.append(f"title:{title}|{_one_line(brief.site).lower()}")
    return tuple(keys)


def unique_entries(entries: Sequence[DigestEntry]) -> list[DigestEntry]:
    """The same story shared twice (same page, or same title on the same site) once: its first share."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        keys = _story_keys(entry.brief)
        if not seen.intersection(keys):
            kept.append(entry)
        seen.update(keys)
    return kept


def order_entries(entries: Sequence[DigestEntry]) -> list[DigestEntry]:
    """Display order: each story once (`unique_entries`), grouped by status — pending first (the
    actionable ones), then approved, partly approved, declined, no decision — each group in the order
    given. Deterministic, so a recovered digest continues where it stopped."""
    rank = {status: i for i, status in enumerate(STATUS_ORDER)}
    return sorted(unique_entries(entries), key=lambda e: rank[e.brief.status])  # sorted() is stable


def render_digest(
    entries: Sequence[DigestEntry],
    *,
    channel_id: str,
    period_end: datetime,
    tz: ZoneInfo,
    period_start: datetime | None = None,
    channel_name: str | None = None,
    lookback: bool = False,
) -> list[Message]:
    """The digest as messages: the first is posted top-level, the others in its thread, in order.

    Returns [] for no entries (see `render_empty`).
    """
    pages = paginate_digest(order_entries(entries), channel_id=channel_id, period_end=period_end, tz=tz,
                            period_start=period_start, channel_name=channel_name, lookback=lookback)
    return [page.message for page in pages]


def paginate_digest(
    ordered: Sequence[DigestEntry],
    *,
    channel_id: str,
    period_end: datetime,
    tz: ZoneInfo,
    period_start: datetime | None = None,
    channel_name: str | None = None,
    lookback: bool = False,
    start: int = 0,
    start_part: int = 1,
) -> list[DigestPage]:
    """Pages for `ordered` (already in `order_entries` order) from index `start` on.

    `start=0` gives the whole digest, header first. With `start > 0` (recovering a digest whose
    first `start` entries are already posted as parts 1 … start_part-1) only continuation pages.
    """
    compact = len(ordered) > COMPACT_OVER
    head = start_part == 1
    if len(ordered) <= start and not (head and compact):
        return []
    period = _period(period_start, period_end, tz)
    title = _title(channel_name, period, lookback)
    counts = {status: sum(1 for e in ordered if e.brief.status == status) for status in STATUS_ORDER}
    summary = tally(ordered)
    intro = (f"*{summary}* — briefs of links shared in <#{channel_id}>"
             + (" over this period (a look-back; nothing marked as digested)." if lookback
                else " since the last digest."))
    overview: DigestPage | None = None
    if head and compact:
        # part 1 is the overview (it holds no entry: through=0); the list follows in its thread
        lines = "".join(_entry_fallback(e) for e in ordered if e.brief.status == Status.PENDING)
        text = truncate(f"{escape(title)}: {summary}\n" + (f"Pending:\n{lines}" if lines else ""), FALLBACK_LIMIT)
        overview = DigestPage(Message(text=text.rstrip("\n"), blocks=compact_overview(ordered, title=title,
                                                                                    intro=intro)),
                              part=1, through=0)
        start_part = 2
        pages = [_Page([], f"{title} (full list)\n", first=start)]
    elif head:
        pages = [_Page([header(title), section(intro)], f"{title}: {summary}\n", first=start)]
    else:
        pages = [_Page([], f"{title} (continued)\n", first=start)]
    current: Status | None = ordered[start - 1].brief.status if start else None
    for index in range(start, len(ordered)):
        entry = ordered[index]
        status = entry.brief.status
        blocks = _entry_blocks(entry, tz)
        line = _entry_fallback(entry)
        page = pages[-1]
        new_group = status != current
        lead = [_group_header(status, counts[status], continued=False)] if new_group else []
        if not page.fits(lead + blocks, line):
            # continue in a new message; repeat the group's heading so the reader knows where they are
            page = _Page([], f"{title} (continued)\n", first=index)
            pages.append(page)
            lead = [_group_header(status, counts[status], continued=not new_group)]
        elif not page.blocks:
            lead = lead or [_group_header(status, counts[status], continued=True)]
        page.add(lead + blocks, line)
        page.through = index + 1
        current = status

    total = start_part - 1 + len(pages)
    out = [overview] if overview is not None else []
    for number, page in enumerate(pages, start=start_part):
        blocks = page.blocks
        if total > 1:
            note = context(f"Part {number} of {total} · briefs {page.first + 1}–{page.through} of {len(ordered)}"
                           + (" · continued in the thread" if number == 1 else ""))
            blocks = [*blocks[:2], note, *blocks[2:]] if number == 1 else [note, *blocks]
        text = escape(page.text) + "".join(page.lines)
        out.append(DigestPage(Message(text=text.rstrip("\n"), blocks=blocks), part=number, through=page.through))
    return out


def render_empty(*, channel_id: str, period_end: datetime, tz: ZoneInfo, period_start: datetime | None = None,
                 channel_name: str | None = None) -> Message:
    """The message for a period with no new briefs (posted only when DIGEST_POST_EMPTY=true)."""
    period = _period(period_start, period_end, tz)
    title = _title(channel_name, period, False)
    text = f"No new briefs in <#{channel_id}> since the last digest."
    return Message(text=f"{title}: no new briefs", blocks=[header(title), section(text)])
