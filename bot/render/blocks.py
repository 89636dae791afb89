"""Rendering for Slack: `Brief` → Block Kit blocks + a plain-text fallback. Pure functions, no I/O.

    message = brief_message(brief, why_value="job:42")
    client.chat_postMessage(channel=c, thread_ts=ts, text=message.text, blocks=message.blocks)

Every builder returns a `Message(text, blocks)`; `text` is the notification/accessibility fallback and
always names requester, request, status, decision and reason for a brief. Slack's Block Kit limits are
enforced here (section text 3,000, header 150, button text 75, 50 blocks per message, 100 per Home
tab), truncating with "…" rather than letting Slack reject the post with `invalid_blocks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.errors import SourceError
from bot.models import Brief, Status

SECTION_TEXT_LIMIT = 3000
HEADER_LIMIT = 150
CONTEXT_TEXT_LIMIT = 3000
BUTTON_TEXT_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
MODAL_TITLE_LIMIT = 24
MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
# chat.postMessage accepts 40,000 characters of `text`, but a fallback longer than a screen helps nobody
FALLBACK_LIMIT = 3000
# one field of a brief gets at most this much so the others still fit in the section
FIELD_LIMIT = 700

WHY_ACTION_ID = "verdict_why"

STATUS_EMOJI = {
    Status.APPROVED: ":white_check_mark:",
    Status.DECLINED: ":no_entry:",
    Status.PARTIAL: ":large_orange_diamond:",
    Status.PENDING: ":hourglass_flowing_sand:",
    Status.UNKNOWN: ":grey_question:",
}
STATUS_WORD = {
    Status.APPROVED: "Approved",
    Status.DECLINED: "Declined",
    Status.PARTIAL: "Partly approved",
    Status.PENDING: "Pending",
    Status.UNKNOWN: "No decision stated",
}
NOT_STATED = "not stated"


@dataclass(frozen=True)
class Message:
    """What to post: the `text` fallback and the Block Kit `blocks` (may be empty: text only)."""

    text: str
    blocks: list[dict] = field(default_factory=list)


# --- small helpers ---------------------------------------------------------------------------

def truncate(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters, ending with "…" when cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str | None = None) -> str:
    """A mrkdwn link `<url|label>`; `|` and `>` can't appear inside it, so they are encoded."""
    safe_url = url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
    if not label:
        return f"<{safe_url}>"
    return f"<{safe_url}|{escape(label).replace('|', '¦')}>"


def mrkdwn(text: str, limit: int = SECTION_TEXT_LIMIT) -> dict:
    return {"type": "mrkdwn", "text": truncate(text, limit)}


def plain(text: str, limit: int, *, emoji: bool = True) -> dict:
    return {"type": "plain_text", "text": truncate(text, limit) or " ", "emoji": emoji}


def section(text: str) -> dict:
    return {"type": "section", "text": mrkdwn(text)}


def context(*texts: str) -> dict:
    # a context block holds at most 10 elements
    return {"type": "context", "elements": [mrkdwn(t, CONTEXT_TEXT_LIMIT) for t in texts[:10] if t]}


def header(text: str) -> dict:
    return {"type": "header", "text": plain(text, HEADER_LIMIT)}


def fit_blocks(blocks: list[dict], limit: int = MAX_BLOCKS) -> list[dict]:
    """At most `limit` blocks; when some are dropped, the last one says how many."""
    if len(blocks) <= limit:
        return blocks
    kept = blocks[: limit - 1]
    return [*kept, context(f"… and {len(blocks) - len(kept)} more not shown")]


def _one_line(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def format_date(value: str | None) -> str | None:
    """'2024-11-28' → '28 Nov 2024'; anything unparseable is shown as given."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value[:10])
        return f"{day.day} {day:%b %Y}"
    except ValueError:
        return value


def _field(value: str | None) -> str:
    return escape(truncate(_one_line(value), FIELD_LIMIT)) if value else f"_{NOT_STATED}_"


def status_line(brief: Brief) -> str:
    """':no_entry: *Declined* by South Korea's government — declined the sale' (mrkdwn)."""
    line = f"{STATUS_EMOJI[brief.status]} *{STATUS_WORD[brief.status]}*"
    if brief.decided_by:
        line += f" by {escape(truncate(_one_line(brief.decided_by), 200))}"
    if brief.decision:
        line += f" — {escape(truncate(_one_line(brief.decision), FIELD_LIMIT))}"
    return line


def has_evidence(brief: Brief) -> bool:
    return any(brief.evidence.model_dump().values())


# --- a brief ---------------------------------------------------------------------------------

def brief_fallback(brief: Brief) -> str:
    """Plain text naming requester, request, status, decision and reason (Slack's `text` field)."""
    title = _one_line(brief.title) or brief.source
    status = brief.status.value + (f" (by {_one_line(brief.decided_by)})" if brief.decided_by else "")
    parts = [
        f"Brief: {title}",
        f"Requester: {_one_line(brief.requester) or NOT_STATED}",
        f"Request: {_one_line(brief.request) or NOT_STATED}",
        f"Status: {status}",
        f"Decision: {_one_line(brief.decision) or NOT_STATED}",
        f"Reason: {_one_line(brief.reason) or NOT_STATED}",
    ]
    # each part keeps its label even when a long request would otherwise push the reason out
    per_part = FALLBACK_LIMIT // len(parts)
    return " · ".join(truncate(p, per_part) for p in parts)


def brief_message(brief: Brief, *, why_value: str | None = None, inline_evidence: bool = False) -> Message:
    """The brief as posted in a thread.

    `why_value` (e.g. "job:42") puts a "Why?" button whose click opens the evidence; without it (an
    ephemeral answer, nothing stored to look up) `inline_evidence=True` shows the sentences in a
    context block instead.
    """
    url = brief.source if brief.source.startswith(("http://", "https://")) else None
    title = _one_line(brief.title) or brief.source
    title_md = f"*{link(url, truncate(title, 300))}*" if url else f"*{escape(truncate(title, 300))}*"
    byline = [escape(_one_line(brief.site))] if brief.site else []
    if brief.published:
        byline.append(escape(format_date(brief.published) or ""))

    blocks: list[dict] = [section(title_md)]
    if byline:
        blocks.append(context(" · ".join(byline)))
    if brief.summary:
        blocks.append(section(escape(truncate(_one_line(brief.summary), 1500))))
    fields = "\n".join([
        f"*Requester:* {_field(brief.requester)}",
        f"*Request:* {_field(brief.request)}",
        f"*Status:* {status_line(brief)}",
        f"*Reason:* {_field(brief.reason)}",
    ])
    blocks.append(section(fields))

    if has_evidence(brief):
        if why_value and not inline_evidence:
            blocks.append({
                "type": "actions",
                "elements": [{
                    "type": "button",
                    "action_id": WHY_ACTION_ID,
                    "text": plain("Why?", BUTTON_TEXT_LIMIT),
                    "value": truncate(why_value, BUTTON_VALUE_LIMIT),
                }],
            })
        elif inline_evidence:
            blocks.append(context(*evidence_lines(brief)))
    if brief.summarizer == "openai":
        # discreet, but people should know when a language model wrote the fields
        blocks.append(context("Summarized by a language model (openai)"))
    return Message(text=brief_fallback(brief), blocks=fit_blocks(blocks))


def evidence_lines(brief: Brief) -> list[str]:
    """One mrkdwn line per field that has a verbatim sentence: '*Request:* “…”'."""
    lines = []
    for name, sentence in brief.evidence.model_dump().items():
        if sentence:
            lines.append(f"*{name.capitalize()}:* “{escape(truncate(_one_line(sentence), 700))}”")
    return lines


def why_modal(brief: Brief) -> dict:
    """A modal (views.open) quoting the article's own sentence behind each field."""
    blocks: list[dict] = [section(f"*{escape(truncate(_one_line(brief.title) or brief.source, 500))}*")]
    lines = evidence_lines(brief)
    if lines:
        blocks.extend(section(line) for line in lines)
    else:
        blocks.append(section("The article has no sentence stating a request or a decision."))
    blocks.append(context("Sentences quoted verbatim from the article"
                          + (f" · {link(brief.source, 'open it')}" if brief.source.startswith("http") else "")))
    return {
        "type": "modal",
        "title": plain("Why this verdict", MODAL_TITLE_LIMIT),
        "close": plain("Close", BUTTON_TEXT_LIMIT),
        "blocks": fit_blocks(blocks, MAX_HOME_BLOCKS),
    }


def note_modal(title: str, text: str) -> dict:
    """A modal with one line of text (e.g. "This brief is no longer stored")."""
    return {"type": "modal", "title": plain(title, MODAL_TITLE_LIMIT), "close": plain("Close", BUTTON_TEXT_LIMIT),
            "blocks": [section(text)]}


# --- other replies ---------------------------------------------------------------------------

def failure_message(url: str, error: SourceError) -> Message:
    """One line: why this link has no brief ('refused' = Verdict won't, 'failed' = it couldn't)."""
    reason = _one_line(str(error)) or type(error).__name__
    if error.kind == "refused":
        text = f":no_entry_sign: Verdict won't brief {link(url)}: {escape(reason)}."
        plain_text = f"Verdict won't brief {url}: {reason}."
    else:
        text = f":warning: Couldn't brief {link(url)}: {escape(reason)}."
        plain_text = f"Couldn't brief {url}: {reason}."
    return Message(text=truncate(plain_text, FALLBACK_LIMIT), blocks=[section(text)])


def earlier_message(url: str, permalink: str | None, title: str | None = None) -> Message:
    """Same channel, within the reuse window: point at the earlier thread instead of repeating it."""
    name = link(url, truncate(_one_line(title), 300)) if title else link(url)
    where = f"<{permalink}|in this thread>" if permalink else "earlier in this channel"
    return Message(
        text=f"Already briefed {url} earlier in this channel: {permalink or ''}".strip(),
        blocks=[section(f":link: {name} was briefed {where}.")],
    )


def skipped_message(skipped: int, limit: int) -> Message:
    noun = "link was" if skipped == 1 else "links were"
    text = f"{skipped} more {noun} skipped: Verdict briefs at most {limit} links per message."
    return Message(text=text, blocks=[])


def text_message(text: str) -> Message:
    """A short answer as one mrkdwn section (text is mrkdwn; callers escape user input)."""
    return Message(text=text, blocks=[section(text)])


HELP_LINES = [
    ("`@Verdict URL` or `@Verdict summarize URL`", "brief a link now, fetched afresh"),
    ("`@Verdict digest`", "post this channel's digest of new briefs now"),
    ("`@Verdict digest 7d`", "a look-back over the last 7 days (marks nothing)"),
    ("`@Verdict schedule daily 09:00`", "when digests are posted (`weekdays 17:30`, `weekly mon 09:00`, "
                                        "`monthly 1 09:00`, a crontab, a timezone, `to #channel`, `off`)"),
    ("`@Verdict status`", "what Verdict does in this channel"),
    ("`@Verdict watch` / `unwatch`", "brief every shared link here, or stop"),
    ("`@Verdict open`", "this channel's open requests (briefs pending a decision), oldest first"),
    ("`@Verdict find WORDS`", "search the briefs you can see (requester, request, decider, title), newest "
                              "first, ten at a time (`find WORDS page 2`); only you see the answer"),
    ("`@Verdict help`", "this text"),
]


def help_message(*, slash: bool = False, note: str | None = None) -> Message:
    """The command list; with `slash=True` written as `/verdict …`."""
    lines = []
    for usage, meaning in HELP_LINES:
        if slash:
            usage = usage.replace("`@Verdict ", "`/verdict ").replace("`unwatch`", "`/verdict unwatch`")
        lines.append(f"• {usage} — {meaning}")
    intro = ("Verdict reads the links shared in channels it is in and answers in the thread with a brief: "
             "who asked, for what, what was decided, by whom, and why.")
    text = "\n".join(([note] if note else []) + [intro, *lines])
    return Message(text=truncate(text.replace("`", ""), FALLBACK_LIMIT), blocks=[section(text)])


def status_message(channel_id: str, *, watched: bool, digest: str, briefs_last_week: int | None = None,
                   links_per_message: int = 5) -> Message:
    """`@Verdict status`: watch state, digest schedule (described by the caller), recent activity."""
    if watched:
        watch = (f":eyes: Watching <#{channel_id}>: every link shared here gets a brief in its thread "
                 f"(at most {links_per_message} per message).")
    else:
        watch = (f":zzz: Not watching <#{channel_id}>: links shared here are left alone "
                 f"(`@Verdict watch` to start, `@Verdict URL` still works).")
    lines = [watch, f":calendar: {digest}"]
    if briefs_last_week is not None:
        lines.append(f":bar_chart: {briefs_last_week} brief{'s' if briefs_last_week != 1 else ''} "
                     "in this channel over the last 7 days.")
    text = "\n".join(lines)
    return Message(text=text, blocks=[section(text)])


# --- App Home --------------------------------------------------------------------------------

@dataclass(frozen=True)
class HomeBrief:
    """One line of the Home tab's recent briefs."""

    title: str | None
    url: str
    status: Status
    channel_id: str | None
    created_at: datetime | None


@dataclass(frozen=True)
class HomeChannel:
    channel_id: str
    watched: bool
    schedule: str | None = None


def home_view(recent: Sequence[HomeBrief], channels: Iterable[HomeChannel]) -> dict:
    """The App Home tab (views.publish): the workspace's recent briefs and each channel's watch state."""
    blocks: list[dict] = [
        header("Verdict"),
        context("Briefs of shared links: who asked, for what, what was decided, by whom, and why. "
                "Mention `@Verdict help` in a channel for commands."),
        {"type": "divider"},
        header("Recent briefs"),
    ]
    if not recent:
        blocks.append(section("_No briefs yet. Share a link in a channel Verdict is in._"))
    for item in recent[:40]:
        title = truncate(_one_line(item.title) or item.url, 200)
        where = f" in <#{item.channel_id}>" if item.channel_id else ""
        when = f" · {item.created_at:%d %b %H:%M} UTC" if item.created_at else ""
        blocks.append(section(f"{STATUS_EMOJI[item.status]} {link(item.url, title)}\n"
                              f"{STATUS_WORD[item.status]}{where}{when}"))
    blocks += [{"type": "divider"}, header("Channels")]
    channel_lines = [
        f"{':eyes: watching' if ch.watched else ':zzz: not watching'} <#{ch.channel_id}>"
        + (f" · digest: {escape(ch.schedule)}" if ch.schedule else "")
        for ch in channels
    ]
    if not channel_lines:
        blocks.append(section("_Verdict has not been used in any channel yet. Invite it with `/invite @Verdict`._"))
    # many channels share one section (up to its 3,000 characters) to stay within 100 blocks
    chunk: list[str] = []
    for line in channel_lines:
        if sum(len(x) + 1 for x in chunk) + len(line) > SECTION_TEXT_LIMIT - 10:
            blocks.append(section("\n".join(chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(section("\n".join(chunk)))
    return {"type": "home", "blocks": fit_blocks(blocks, MAX_HOME_BLOCKS)}
