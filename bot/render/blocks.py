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
    Status.UNKNOWN: ":heavy_minus_sign:",
}
STATUS_WORD = {
    Status.APPROVED: "Approved",
    Status.DECLINED: "Declined",
    Status.PARTIAL: "Partly approved",
    Status.PENDING: "Pending",
    Status.UNKNOWN: "No decision stated",
}
# the reaction that replaces :eyes: on the shared message once its brief is posted (names without colons)
STATUS_REACTION = {
    Status.APPROVED: "white_check_mark",
    Status.DECLINED: "no_entry",
    Status.PARTIAL: "large_orange_diamond",
    Status.PENDING: "hourglass_flowing_sand",
    Status.UNKNOWN: "heavy_minus_sign",
}
FAILED_REACTION = "warning"
NO_DECISION_LINE = "No decision on a request found in this article"
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
    """THE escaping function for outside text (pages, titles, URLs, what people typed) bound for Slack.

    Slack parses `<…>` in mrkdwn *and* in a message's plain `text` fallback (what notifications show):
    `<!channel>` pings, `<@U…>` mentions, `<https://evil|click here>` disguises a link. Escaping
    `&`, `<` and `>` as entities makes all of them inert text. Apply it to every piece of outside
    text in mrkdwn and in `text` fallbacks; `plain_text` objects (headers, buttons, modal titles,
    options) are never parsed and take the raw text. Our own markup (`<#C…>`, `link()`) is added
    after escaping.
    """
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


# words that only restate a status: "declined the sale" after "Declined by …" says nothing new
_STATUS_STEMS = {
    Status.APPROVED: ("approv", "grant", "accept", "agree", "allow", "authori", "back", "clear", "sign"),
    Status.DECLINED: ("declin", "reject", "refus", "den", "turn", "block", "veto", "dismiss", "overrul"),
    Status.PARTIAL: ("partly", "partial", "approv", "grant"),
    Status.PENDING: ("defer", "delay", "postpon", "review", "consider", "await", "pend"),
    Status.UNKNOWN: (),
}


def _restates_status(brief: Brief) -> bool:
    words = _one_line(brief.decision).lower().split()
    return bool(words) and len(words) <= 4 and words[0].startswith(_STATUS_STEMS[brief.status])


def status_line(brief: Brief) -> str:
    """The verdict in words, first: ':no_entry: *Declined* by South Korea's government' (mrkdwn).

    The decision follows only when it adds something to the status ("declined the sale" doesn't).
    """
    decider = escape(truncate(_one_line(brief.decided_by), 200)) if brief.decided_by else ""
    line = f"{STATUS_EMOJI[brief.status]} *{STATUS_WORD[brief.status]}*"
    if decider:
        line += f" — awaiting {decider}" if brief.status == Status.PENDING else f" by {decider}"
    if brief.decision and not _restates_status(brief):
        line += f": {escape(truncate(_one_line(brief.decision), FIELD_LIMIT))}"
    return line


def has_evidence(brief: Brief) -> bool:
    return any(brief.evidence.model_dump().values())


def has_decision_content(brief: Brief) -> bool:
    """False for a brief that found no request and no decision: it is shown as one line."""
    return brief.status != Status.UNKNOWN or any(
        (brief.requester, brief.request, brief.decided_by, brief.decision, brief.reason))


def capitalised(text: str) -> str:
    """'the fishermen's union' → 'The fishermen's union' (it starts a line); 'eBay' stays as it is."""
    return text[:1].upper() + text[1:] if text[:1].islower() and not text[1:2].isupper() else text


def request_line(brief: Brief) -> str | None:
    """'*Ukraine* → to buy …' (mrkdwn), or the one half that is known, or None."""
    who = escape(capitalised(truncate(_one_line(brief.requester), 200))) if brief.requester else ""
    what = escape(truncate(_one_line(brief.request), FIELD_LIMIT)) if brief.request else ""
    if who and what:
        return f"*{who}* → {what}"
    if who:
        return f"*Requester:* {who}"
    if what:
        return f"*Request:* {what}"
    return None


def source_line(brief: Brief) -> str:
    """'<url|title> · Example News · 28 Nov 2024' (mrkdwn) for the context under a brief."""
    url = brief.source if brief.source.startswith(("http://", "https://")) else None
    title = truncate(_one_line(brief.title) or brief.source, 300)
    parts = [link(url, title) if url else escape(title)]
    if brief.site:
        parts.append(escape(truncate(_one_line(brief.site), 200)))
    if brief.published:
        parts.append(escape(format_date(brief.published) or ""))
    return " · ".join(p for p in parts if p)


# --- a brief ---------------------------------------------------------------------------------

def brief_fallback(brief: Brief) -> str:
    """Plain text (Slack's `text` field: notifications, screen readers), verdict first, naming status,
    requester, request, decision and reason. Escaped: notifications parse `<…>` too."""
    title = _one_line(brief.title) or brief.source
    status = brief.status.value + (f" (by {_one_line(brief.decided_by)})" if brief.decided_by else "")
    parts = [
        f"Status: {status}",
        f"Requester: {_one_line(brief.requester) or NOT_STATED}",
        f"Request: {_one_line(brief.request) or NOT_STATED}",
        f"Decision: {_one_line(brief.decision) or NOT_STATED}",
        f"Reason: {_one_line(brief.reason) or NOT_STATED}",
        f"Brief: {title}",
    ]
    # each part keeps its label even when a long request would otherwise push the reason out
    per_part = FALLBACK_LIMIT // len(parts) - 20  # room for the entities escaping adds
    return truncate(" · ".join(escape(truncate(p, per_part)) for p in parts), FALLBACK_LIMIT)


def brief_message(brief: Brief, *, why_value: str | None = None, inline_evidence: bool = False) -> Message:
    """The brief as posted in a thread: the verdict first, then requester → request, the reason, and
    the article (title, site, date) as context.

    `why_value` (e.g. "job:42") puts a "Why?" button whose click opens the evidence; without it (an
    ephemeral answer, nothing stored to look up) `inline_evidence=True` shows the same value-and-sentence
    lines as the "Why?" modal, below the brief.
    """
    if not has_decision_content(brief):
        blocks: list[dict] = [section(f"{STATUS_EMOJI[Status.UNKNOWN]} {NO_DECISION_LINE}"),
                              context(source_line(brief))]
    else:
        blocks = [section(status_line(brief))]
        lines = [line for line in (request_line(brief),) if line]
        if brief.reason:
            lines.append(f"*Reason:* {escape(truncate(_one_line(brief.reason), FIELD_LIMIT))}")
        if lines:
            blocks.append(section("\n".join(lines)))
        blocks.append(context(source_line(brief)))

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
            blocks.append({"type": "divider"})
            blocks.extend(why_blocks(brief))
    if brief.summarizer == "openai":
        # discreet, but people should know when a language model wrote the fields
        model = escape(truncate(_one_line(brief.model), 80)) or "openai"  # the model's name, from OPENAI_MODEL
        blocks.append(context(f"Summarized by a language model ({model})"))
    return Message(text=brief_fallback(brief), blocks=fit_blocks(blocks))


_WHY_LABELS = {"requester": "Requester", "request": "Request", "decision": "Decision", "reason": "Reason"}


def _why_value(brief: Brief, name: str) -> str | None:
    if name == "decision":
        word = STATUS_WORD[brief.status]
        by = f" by {_one_line(brief.decided_by)}" if brief.decided_by else ""
        what = f": {_one_line(brief.decision)}" if brief.decision else ""
        return f"{word}{by}{what}" if (brief.decision or brief.decided_by or brief.status != Status.UNKNOWN) else None
    return _one_line(getattr(brief, name)) or None


def evidence_lines(brief: Brief) -> list[str]:
    """Each value with the article's own sentence behind it, once per distinct sentence:
    '*Requester:* Ukraine — “Ukraine seeks to purchase…”' (fields sharing a sentence share a line)."""
    by_sentence: dict[str, list[str]] = {}
    for name, sentence in brief.evidence.model_dump().items():
        sentence = _one_line(sentence)
        if not sentence or name not in _WHY_LABELS:
            continue
        value = _why_value(brief, name)
        shown = f"*{_WHY_LABELS[name]}:* {escape(truncate(value, 300))}" if value else f"*{_WHY_LABELS[name]}*"
        by_sentence.setdefault(sentence, []).append(shown)
    return [f"{' · '.join(values)} — “{escape(truncate(sentence, 700))}”" for sentence, values in by_sentence.items()]


def why_blocks(brief: Brief) -> list[dict]:
    """The evidence as blocks: one section per sentence, then where it comes from (the article link)."""
    lines = evidence_lines(brief)
    blocks = [section(line) for line in lines] or [
        section("The article has no sentence stating a request or a decision.")]
    where = link(brief.source, "the article") if brief.source.startswith(("http://", "https://")) \
        else escape(truncate(brief.source, 300))
    blocks.append(context(f"Sentences quoted verbatim from {where}"))
    return blocks


def why_modal(brief: Brief) -> dict:
    """A modal (views.open) pairing each value with the article's own sentence behind it."""
    blocks: list[dict] = [section(f"*{escape(truncate(_one_line(brief.title) or brief.source, 500))}*"),
                          section(status_line(brief))]
    blocks.extend(why_blocks(brief))
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
    return Message(text=escape(truncate(plain_text, FALLBACK_LIMIT - 200)), blocks=[section(text)])


def earlier_message(url: str, permalink: str | None, title: str | None = None) -> Message:
    """Same channel, within the reuse window: point at the earlier thread instead of repeating it."""
    name = link(url, truncate(_one_line(title), 300)) if title else link(url)
    where = f"{link(permalink, 'in this thread')}" if permalink else "earlier in this channel"
    return Message(
        text=escape(f"Already briefed {url} earlier in this channel: {permalink or ''}".strip()),
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
    ("`@Verdict digest 7d`", "a look-back over the last 7 days or `2w` (marks nothing)"),
    ("`@Verdict schedule every monday 9am`", "when digests are posted (`daily 09:00`, `mon-fri 8:30`, "
                                             "`monthly 1 09:00`, a crontab, a timezone, `to #channel`, `off`); "
                                             "also on Verdict's Home tab"),
    ("`@Verdict status`", "what Verdict does in this channel"),
    ("`@Verdict watch` / `unwatch`", "brief every shared link here, or stop"),
    ("`@Verdict` alone in a thread", "brief the links of the thread's first message (or use the message "
                                     "shortcut *Brief this link*)"),
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
    # the control panel (bot.slack.settings_panel): the digest in words, its next run, a destination
    digest: str | None = None  # 'Monday to Friday at 09:00 (Europe/Berlin)' or 'off'
    next_run: datetime | None = None
    destination_id: str | None = None
    controls: bool = False  # watch button and "Edit schedule" (channels the viewer shares with Verdict)


HOME_WATCH_ACTION_ID = "verdict_home_watch"
HOME_SCHEDULE_ACTION_ID = "verdict_home_schedule"
SCHEDULE_MODAL_ID = "verdict_schedule_modal"
# channels with buttons on the Home tab; more are listed in one line each (100 blocks per tab)
MAX_PANEL_CHANNELS = 15


def _date_token(moment: datetime, token_format: str = "{date_short_pretty} at {time}") -> str:
    fallback = f"{moment.astimezone():%a %d %b %H:%M} UTC" if moment.tzinfo is None else \
        f"{moment:%a %d %b %H:%M %Z}".strip()
    return f"<!date^{int(moment.timestamp())}^{token_format}|{escape(fallback)}>"


def _panel_blocks(ch: HomeChannel) -> list[dict]:
    """One channel's controls: watch on/off (a button), the digest and its next run, "Edit schedule"."""
    state = ":eyes: *Watching*: links shared here get a brief" if ch.watched else \
        ":zzz: *Not watching*: links shared here are left alone"
    digest = f"Digest: {escape(ch.digest)}" if ch.digest else "Digest: the default schedule"
    if ch.destination_id:
        digest += f", posted in <#{ch.destination_id}>"
    if ch.next_run is not None:
        digest += f" · next {_date_token(ch.next_run)}"
    toggle = {"type": "button", "action_id": HOME_WATCH_ACTION_ID,
              "text": plain("Stop watching" if ch.watched else "Watch", BUTTON_TEXT_LIMIT),
              "value": f"{ch.channel_id}:{'off' if ch.watched else 'on'}"}
    if not ch.watched:
        toggle["style"] = "primary"
    return [
        {"type": "section", "text": mrkdwn(f"<#{ch.channel_id}> · {state}\n{digest}"), "accessory": toggle},
        {"type": "actions", "elements": [{"type": "button", "action_id": HOME_SCHEDULE_ACTION_ID,
                                          "text": plain("Edit schedule", BUTTON_TEXT_LIMIT),
                                          "value": ch.channel_id}]},
    ]


def home_view(recent: Sequence[HomeBrief], channels: Iterable[HomeChannel], *, note: str | None = None) -> dict:
    """The App Home tab (views.publish): one viewer's recent briefs and their channels' settings.

    The caller passes only what the viewer may see (bot.slack.home filters by membership).
    """
    blocks: list[dict] = [
        header("Verdict"),
        context("Briefs of shared links: who asked, for what, what was decided, by whom, and why. "
                "Mention `@Verdict help` in a channel for commands."),
        {"type": "divider"},
        header("Recent briefs"),
    ]
    if note:
        blocks.append(section(note))
    if not recent and not note:
        blocks.append(section("_No briefs yet in the conversations you are in. Share a link in a channel "
                              "Verdict is in._"))
    for item in recent[:40]:
        title = truncate(_one_line(item.title) or item.url, 200)
        where = "" if not item.channel_id else \
            " in a direct message" if item.channel_id.startswith("D") else f" in <#{item.channel_id}>"
        when = f" · {_date_token(item.created_at, '{date_short_pretty} {time}')}" if item.created_at else ""
        blocks.append(section(f"{STATUS_EMOJI[item.status]} {link(item.url, title)}\n"
                              f"{STATUS_WORD[item.status]}{where}{when}"))
    blocks += [{"type": "divider"}, header("Channels")]
    channels = list(channels)
    panels = [ch for ch in channels if ch.controls][:MAX_PANEL_CHANNELS]
    for ch in panels:
        blocks.extend(_panel_blocks(ch))
    channel_lines = [
        f"{':eyes: watching' if ch.watched else ':zzz: not watching'} <#{ch.channel_id}>"
        + (f" · digest: {escape(ch.digest or ch.schedule or '')}" if (ch.digest or ch.schedule) else "")
        for ch in channels if ch not in panels
    ]
    if panels and channel_lines:
        blocks.append(context("More channels (change them with `/verdict watch`, `unwatch`, `schedule` there):"))
    if not channel_lines and not panels:
        blocks.append(section("_No channel you share with Verdict yet. Invite it with `/invite @Verdict`._"))
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


# --- the schedule modal (App Home → "Edit schedule") -------------------------------------------

WEEKDAY_OPTIONS = (("mon", "Monday"), ("tue", "Tuesday"), ("wed", "Wednesday"), ("thu", "Thursday"),
                   ("fri", "Friday"), ("sat", "Saturday"), ("sun", "Sunday"))
MAX_SELECT_OPTIONS = 100


def _option(value: str, label: str) -> dict:
    return {"text": plain(label, 75), "value": value[:150]}


def schedule_modal(channel_id: str, *, days: Sequence[str], time: str, timezone: str, timezones: Sequence[str],
                   destination_id: str | None, enabled: bool) -> dict:
    """The "Edit schedule" modal (views.open): on/off, days, a time picker, a timezone, the destination.

    `private_metadata` carries the channel; bot.slack.settings_panel reads the submission.
    """
    zones = list(dict.fromkeys([timezone, *timezones]))[:MAX_SELECT_OPTIONS]
    day_options = [_option(v, label) for v, label in WEEKDAY_OPTIONS]
    chosen_days = [o for o in day_options if o["value"] in set(days)]
    enabled_options = [_option("on", "Post digests"), _option("off", "No digests")]
    days_element: dict = {"type": "checkboxes", "action_id": "days", "options": day_options}
    if chosen_days:
        days_element["initial_options"] = chosen_days
    blocks = [
        section(f"Digests of <#{channel_id}>: when they are posted, and where."),
        {"type": "input", "block_id": "enabled", "label": plain("Digests", 2000),
         "element": {"type": "radio_buttons", "action_id": "enabled", "options": enabled_options,
                     "initial_option": enabled_options[0 if enabled else 1]}},
        {"type": "input", "block_id": "days", "label": plain("Days", 2000), "optional": True,
         "element": days_element},
        {"type": "input", "block_id": "time", "label": plain("Time", 2000),
         "element": {"type": "timepicker", "action_id": "time", "initial_time": time}},
        {"type": "input", "block_id": "tz", "label": plain("Timezone", 2000),
         "element": {"type": "static_select", "action_id": "tz", "options": [_option(z, z) for z in zones],
                     "initial_option": _option(zones[0], zones[0])}},
        {"type": "input", "block_id": "destination", "label": plain("Post in", 2000),
         "element": {"type": "conversations_select", "action_id": "destination",
                     "initial_conversation": destination_id or channel_id,
                     "filter": {"include": ["public", "private"], "exclude_bot_users": True}}},
        context("The same settings as `/verdict schedule …` in the channel."),
    ]
    return {
        "type": "modal",
        "callback_id": SCHEDULE_MODAL_ID,
        "private_metadata": channel_id,
        "title": plain("Digest schedule", MODAL_TITLE_LIMIT),
        "submit": plain("Save", BUTTON_TEXT_LIMIT),
        "close": plain("Cancel", BUTTON_TEXT_LIMIT),
        "blocks": blocks,
    }
