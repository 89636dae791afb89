"""Find the links in a Slack message and give each a stable identity. Pure functions, no I/O.

    found = find_links(event, limit=5)      # event: a Slack `message` event (dict)
    found.urls                              # ["https://example.org/news/1", …] normalised, deduplicated, in order
    found.skipped                           # links over the limit (the reply says how many)

    (normalised and keyed by `bot.urls`)

Where Slack puts links:
- `text`: `<https://…>` or `<https://…|label>`, with `&`, `<`, `>` escaped as `&amp;`, `&lt;`, `&gt;`
  (only those three: other `&…;` sequences are part of the URL). `<@U…>`, `<#C…|name>`,
  `<!here>` and `<mailto:…>` are not links to brief.
- `blocks`: rich_text `link` elements (raw URLs), and mrkdwn text objects (escaped as in `text`);
- `attachments` (feeds and other bots): `title_link`, `from_url`, `original_url`, and their mrkdwn text.

Only http(s) links count; links to Slack itself (message permalinks, files, the web client) are
skipped, as are links that do not parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bot.urls import normalise_url, url_key

__all__ = ["LinksFound", "find_links", "normalise_url", "url_key", "is_slack_link", "links_in_mrkdwn"]

# `<…>` spans in Slack's mrkdwn; the URL is everything before the first `|`.
_ANGLE = re.compile(r"<([^<>\s]+?)(?:\|[^<>]*)?>")

# Paths on a workspace host (acme.slack.com) that are Slack's own content, not articles.
_SLACK_PATHS = ("/archives/", "/files/", "/team/", "/docs/", "/canvas", "/lists/", "/huddle", "/call/",
                "/client/", "/messages/", "/app_redirect", "/shortcuts/")
_SLACK_HOSTS = frozenset({"app.slack.com", "files.slack.com", "slack-files.com", "slack-redir.net"})

@dataclass(frozen=True)
class LinksFound:
    urls: list[str] = field(default_factory=list)
    skipped: int = 0  # links beyond the per-message limit


def find_links(event: dict, *, limit: int) -> LinksFound:
    """The http(s) links of a message, normalised, without duplicates, at most `limit` of them."""
    candidates: list[str] = []
    candidates += links_in_mrkdwn(event.get("text") or "")
    candidates += _links_in_blocks(event.get("blocks") or [])
    for attachment in event.get("attachments") or []:
        if not isinstance(attachment, dict):
            continue
        for key in ("title_link", "from_url", "original_url"):
            if isinstance(attachment.get(key), str):
                candidates.append(attachment[key])
        for key in ("pretext", "text"):
            if isinstance(attachment.get(key), str):
                candidates += links_in_mrkdwn(attachment[key])
        candidates += _links_in_blocks(attachment.get("blocks") or [])

    urls: list[str] = []
    seen: set[str] = set()
    for candidate in candidates:
        url = normalise_url(candidate)
        if url is None or is_slack_link(url):
            continue
        key = url_key(url)
        if key not in seen:
            seen.add(key)
            urls.append(url)
    limit = max(limit, 0)
    return LinksFound(urls=urls[:limit], skipped=max(len(urls) - limit, 0))


def links_in_mrkdwn(text: str) -> list[str]:
    """URLs of the `<…>` spans of Slack mrkdwn, unescaped; mentions and `<!here>` are left out."""
    found = []
    for match in _ANGLE.finditer(text):
        target = match.group(1)
        if target[:1] in ("@", "#", "!"):
            continue  # <@U123>, <#C123|general>, <!here>, <!subteam^S1>
        found.append(_unescape(target))
    return found


def _unescape(text: str) -> str:
    # Slack escapes exactly these three; html.unescape would also turn "&copy=1" into "©=1".
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _links_in_blocks(node) -> list[str]:
    found: list[str] = []
    if isinstance(node, list):
        for item in node:
            found += _links_in_blocks(item)
    elif isinstance(node, dict):
        kind = node.get("type")
        if kind == "link" and isinstance(node.get("url"), str):
            found.append(node["url"])  # rich_text link elements carry the raw URL
        elif kind == "mrkdwn" and isinstance(node.get("text"), str):
            found += links_in_mrkdwn(node["text"])
        for key in ("elements", "text", "fields", "accessory"):
            child = node.get(key)
            if isinstance(child, list | dict):
                found += _links_in_blocks(child)
    return found


def is_slack_link(url: str) -> bool:
    """Slack's own pages (message permalinks, files, the web client): never briefed."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if host in _SLACK_HOSTS:
        return True
    if host.endswith(".slack.com") and host not in ("api.slack.com", "www.slack.com"):
        return parts.path.startswith(_SLACK_PATHS) or parts.path in ("", "/")
    return False
