"""Find the links in a Slack message and give each a stable identity. Pure functions, no I/O.

    found = find_links(event, limit=5)      # event: a Slack `message` event (dict)
    found.urls                              # ["https://example.org/news/1", …] normalised, deduplicated, in order
    found.skipped                           # links over the limit (the reply says how many)

    normalise_url("HTTPS://Example.org:443/a?utm_source=x&id=7#top")  ->  "https://example.org/a?id=7"
    url_key("http://www.example.org/a/?b=2&a=1")                      ->  "example.org/a?a=1&b=2"

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

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

__all__ = ["LinksFound", "find_links", "normalise_url", "url_key", "is_slack_link", "links_in_mrkdwn"]

# `<…>` spans in Slack's mrkdwn; the URL is everything before the first `|`.
_ANGLE = re.compile(r"<([^<>\s]+?)(?:\|[^<>]*)?>")

# Query parameters that identify a campaign or a click, not a page.
_TRACKING_EXACT = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
    "li_fat_id", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking",
    "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "ref_src", "ref_url", "_ga", "_gl",
    "rb_clickid", "s_kwcid", "ncid", "cmpid", "wt.mc_id", "sr_share", "spm",
})
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_")

# Paths on a workspace host (acme.slack.com) that are Slack's own content, not articles.
_SLACK_PATHS = ("/archives/", "/files/", "/team/", "/docs/", "/canvas", "/lists/", "/huddle", "/call/",
                "/client/", "/messages/", "/app_redirect", "/shortcuts/")
_SLACK_HOSTS = frozenset({"app.slack.com", "files.slack.com", "slack-files.com", "slack-redir.net"})

_MAX_KEY = 1024  # link_jobs.url_key and briefs.url_key hold 2,048 characters; longer keys are hashed


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


def normalise_url(url: str) -> str | None:
    """The link to fetch and show: scheme and host lowercased, default port, fragment and tracking
    parameters removed; everything else (path case, parameter order) kept. None if not http(s)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises ValueError on a malformed port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if not host:
        return None
    if ":" in host:
        host = f"[{host}]"  # IPv6 literal
    if port is not None and port != {"http": 80, "https": 443}[scheme]:
        host = f"{host}:{port}"
    # user:password@ is kept on purpose: the fetcher refuses such links and the user is told why
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    # filter the raw `name=value` pairs rather than re-encoding: `?flag` and `%2F` stay as the site wrote them
    query = "&".join(pair for pair in parts.query.split("&") if pair and not _is_tracking(pair))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _is_tracking(pair: str) -> bool:
    name = unquote_plus(pair.partition("=")[0]).lower()
    return name in _TRACKING_EXACT or name.startswith(_TRACKING_PREFIXES)


def url_key(url: str) -> str:
    """The identity of a page for "already briefed": `normalise_url`, then without scheme, `www.`,
    trailing slash and parameter order, so http/https and www/no-www variants are one page."""
    normal = normalise_url(url) or url.strip()
    parts = urlsplit(normal)
    host = (parts.netloc or "").lower()
    host = host.removeprefix("www.")
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    key = host + path + (f"?{query}" if query else "")
    if len(key) > _MAX_KEY:
        key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


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
