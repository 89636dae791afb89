"""A page's identity: the link to fetch and show, and the key that tells two links to one page apart.

    normalise_url("HTTPS://Example.org:443/a?utm_source=x&id=7#top")  ->  "https://example.org/a?id=7"
    url_key("http://www.example.org/a/?b=2&a=1")                      ->  "example.org/a?a=1&b=2"

Pure functions, no I/O; shared by the Slack link finder and the job queue's reuse check.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

__all__ = ["normalise_url", "url_key"]

# Query parameters that identify a campaign or a click, not a page.
_TRACKING_EXACT = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
    "li_fat_id", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking",
    "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "ref_src", "ref_url", "_ga", "_gl",
    "rb_clickid", "s_kwcid", "ncid", "cmpid", "wt.mc_id", "sr_share", "spm",
})
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_")

_MAX_KEY = 1024  # link_jobs.url_key and briefs.url_key hold 2,048 characters; longer keys are hashed



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
