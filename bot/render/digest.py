"""Rendering a digest for Slack: entries → one or more messages (pure functions, no I/O).

    messages = render_digest(entries, channel_id="C1", channel_name="general",
                             period_start=start, period_end=end, tz=ZoneInfo("Europe/Berlin"))
    first, *rest = messages      # `first` goes top-level; `rest` continue in its thread, in order

Layout: a header (channel and period), a one-line tally ("3 approved · 2 declined · 1 pending"),
then the briefs grouped by status. Each brief is a section (title linked to the thread where it
was shared, requester → request, the decision and who decided, the reason) and a context line
(site, date, who shared it). Every message has a plain-text `text` fallback listing its briefs.

Slack's limits are enforced by splitting, never by dropping: at most 50 blocks, 3,000 characters
per section, 150 per header and about 12,000 characters per message (blocks plus fallback). A
digest that doesn't fit continues in further messages, each starting with "part i of n" and the
group it continues; every entry appears in exactly one message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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
    context,
    escape,
    format_date,
    header,
    link,
    section,
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
STATUS_ORDER = (Status.APPROVED, Status.PARTIAL, Status.DECLINED, Status.PENDING, Status.UNKNOWN)
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
    shared_by: str | None = None  # Slack user id
    shared_at: datetime | None = None


def tally(entries: Sequence[DigestEntry]) -> str:
    """'3 approved · 2 declined · 1 pending' (statuses with no briefs are left out)."""
    counts = {status: 0 for status in STATUS_ORDER}
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


def _entry_blocks(entry: DigestEntry, tz: ZoneInfo) -> list[dict]:
    brief = entry.brief
    title = _clip(brief, "title") or truncate(brief.source, _LIMITS["title"])
    target = entry.permalink or (brief.source if brief.source.startswith(("http://", "https://")) else None)
    lines = [f"*{link(target, title)}*" if target else f"*{escape(title)}*"]
    if brief.requester or brief.request:
        who = escape(_clip(brief, "requester")) or "_someone_"
        what = escape(_clip(brief, "request")) or "_request not stated_"
        lines.append(f"{who} → {what}")
    elif brief.summary:
        lines.append(escape(_clip(brief, "summary")))
    decision = f"{STATUS_EMOJI[brief.status]} *{STATUS_WORD[brief.status]}*"
    if brief.decided_by:
        decision += f" by {escape(_clip(brief, 'decided_by'))}"
    if brief.decision:
        decision += f": {escape(_clip(brief, 'decision'))}"
    lines.append(decision)
    if brief.reason:
        lines.append(f"_Why:_ {escape(_clip(brief, 'reason'))}")

    facts = []
    if brief.site:
        facts.append(escape(_clip(brief, "site")))
    if brief.published:
        facts.append(escape(format_date(brief.published) or ""))
    shared = "shared"
    if entry.shared_by:
        shared += f" by <@{entry.shared_by}>"
    if entry.shared_at:
        local = entry.shared_at.astimezone(tz)
        shared += f" on {local.day} {local:%b %H:%M}"
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
    return f"• {title} — {_TALLY_WORD[brief.status]}\n"


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


def order_entries(entries: Sequence[DigestEntry]) -> list[DigestEntry]:
    """Display order: grouped by status (approved, partly approved, declined, pending, no decision),
    each group in the order given. Deterministic, so a recovered digest continues where it stopped."""
    rank = {status: i for i, status in enumerate(STATUS_ORDER)}
    return sorted(entries, key=lambda e: rank[e.brief.status])  # sorted() is stable


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
    if len(ordered) <= start:
        return []
    period = _period(period_start, period_end, tz)
    title = _title(channel_name, period, lookback)
    counts = {status: sum(1 for e in ordered if e.brief.status == status) for status in STATUS_ORDER}
    if start == 0:
        summary = tally(ordered)
        intro = (f"*{summary}* — briefs of links shared in <#{channel_id}>"
                 + (" over this period (a look-back; nothing marked as digested)." if lookback
                    else " since the last digest."))
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
    out = []
    for number, page in enumerate(pages, start=start_part):
        blocks = page.blocks
        if total > 1:
            note = context(f"Part {number} of {total} · briefs {page.first + 1}–{page.through} of {len(ordered)}"
                           + (" · continued in the thread" if number == 1 else ""))
            blocks = [*blocks[:2], note, *blocks[2:]] if number == 1 else [note, *blocks]
        text = (page.text + "".join(page.lines)).rstrip("\n")
        out.append(DigestPage(Message(text=text, blocks=blocks), part=number, through=page.through))
    return out


def render_empty(*, channel_id: str, period_end: datetime, tz: ZoneInfo, period_start: datetime | None = None,
                 channel_name: str | None = None) -> Message:
    """The message for a period with no new briefs (posted only when DIGEST_POST_EMPTY=true)."""
    period = _period(period_start, period_end, tz)
    title = _title(channel_name, period, False)
    text = f"No new briefs in <#{channel_id}> since the last digest."
    return Message(text=f"{title}: no new briefs", blocks=[header(title), section(text)])
