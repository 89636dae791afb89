"""Block Kit for follow-ups: the update in an open request's thread, `open` and `find` answers. Pure.

    update_message("declined", link="https://acme.slack.com/archives/C2/p17…", title="Board rejects depot")
    # text: "Update: ⛔ declined — https://acme.slack.com/archives/C2/p17…"
    open_message(records, total=3, now=utcnow(), permalink=lambda r: …)
    find_message("depot", records, more=True, offset=0, command="@Verdict find", permalink=lambda r: …)

Everything that comes from pages (titles, names, requests) is escaped; links are built with
`bot.render.blocks.link`, so no outside text becomes a mention or a disguised link.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from bot.render.blocks import (
    FALLBACK_LIMIT,
    STATUS_EMOJI,
    Message,
    _one_line,
    context,
    escape,
    fit_blocks,
    link,
    section,
    truncate,
)

UPDATE_MARK = {"approved": "✅", "declined": "⛔", "partial": "◐"}
PAGE_SIZE = 10


def update_message(status: str, *, link_url: str, title: str | None = None, decided_by: str | None = None,
                   decision: str | None = None, explanation: str | None = None) -> Message:
    """'Update: ⛔ declined — <link to the new article/thread>' for the thread of the open request."""
    mark = UPDATE_MARK.get(status, "•")
    label = truncate(_one_line(title), 200) if title else None
    line = f"Update: {mark} *{escape(status)}* — {link(link_url, label)}"
    blocks = [section(line)]
    details = []
    if decided_by or decision:
        details.append(escape(truncate(_one_line(" — ".join(p for p in (decided_by, decision) if p)), 400)))
    if explanation:
        details.append(f"matched: {escape(truncate(explanation, 300))}")
    if details:
        blocks.append(context(*details))
    return Message(text=truncate(f"Update: {mark} {status} — {link_url}", FALLBACK_LIMIT), blocks=blocks)


def age(then: datetime, now: datetime) -> str:
    """'today', '1 day', '12 days', '3 months'."""
    days = max((now - then).days, 0)
    if days == 0:
        return "today"
    if days < 60:
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{days // 30} months"


def _item(record, permalink: Callable[[Any], str | None]) -> str:
    title = truncate(_one_line(record.title or record.url), 150)
    where = permalink(record)
    name = link(where, title) if where else link(record.url, title)
    who = " · ".join(escape(truncate(_one_line(v), 120)) for v in (record.requester, record.request) if v)
    return f"{name}\n{who}" if who else name


def open_message(records: Sequence, *, total: int, now: datetime,
                 permalink: Callable[[Any], str | None]) -> Message:
    if not records:
        text = "No open requests in this channel: no brief here is pending a decision."
        return Message(text=text, blocks=[section(text)])
    noun = "request is" if total == 1 else "requests are"
    head = f":hourglass_flowing_sand: {total} {noun} still open here (oldest first):"
    lines = [f"• {_item(r, permalink)} — _open {age(r.created_at, now)}_" for r in records]
    blocks = [section(head), *(section(line) for line in lines)]
    if total > len(records):
        blocks.append(context(f"… and {total - len(records)} more"))
    fallback = head + "\n" + "\n".join(
        f"• {_one_line(r.title or r.url)} ({age(r.created_at, now)})" for r in records)
    return Message(text=truncate(fallback, FALLBACK_LIMIT), blocks=fit_blocks(blocks))


def find_message(query: str, records: Sequence, *, more: bool, offset: int, command: str,
                 permalink: Callable[[Any], str | None]) -> Message:
    shown = escape(truncate(_one_line(query), 80))
    if not records:
        text = (f"No briefs you can see match “{shown}”." if offset == 0 else
                f"No more briefs match “{shown}”.")
        return Message(text=text, blocks=[section(text)])
    first, last = offset + 1, offset + len(records)
    head = f":mag: Briefs matching “{shown}”, newest first ({first}–{last}{', more below' if more else ''}):"
    lines = [f"• {STATUS_EMOJI.get(r.status, '')} {_item(r, permalink)} — {r.created_at:%d %b %Y}" for r in records]
    blocks = [section(head), *(section(line) for line in lines)]
    if more:
        page = offset // PAGE_SIZE + 2
        blocks.append(context(f"Next ten: `{escape(command)} {shown} page {page}`"))
    fallback = head + "\n" + "\n".join(f"• {_one_line(r.title or r.url)}" for r in records)
    return Message(text=truncate(fallback.replace("“", '"').replace("”", '"'), FALLBACK_LIMIT),
                   blocks=fit_blocks(blocks))


def open_digest_line(count: int, oldest: datetime | None) -> str | None:
    """'3 requests still open, oldest from 28 Nov 2024' for a digest; None when none is open."""
    if count <= 0 or oldest is None:
        return None
    noun = "request" if count == 1 else "requests"
    return f"{count} {noun} still open, oldest from {oldest.day} {oldest:%b %Y}"
