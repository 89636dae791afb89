"""Secrets out of messages: a URL's userinfo and query values never reach a log or a terminal.

    redact_url("postgresql+psycopg://app:s3cret@db:5432/verdict?sslpassword=x")
        -> "postgresql+psycopg://***@db:5432/verdict?sslpassword=***"
    redact_url("app:s3cret@db/verdict")         # no scheme (the typo a config error is about)
        -> "***@db/verdict"
    redact_text("could not parse 'https://k:sk-1@api/v1?key=sk-2'")   # every URL inside a sentence
        -> "could not parse 'https://***@api/v1?key=***'"

Used for configuration errors (the value of DATABASE_URL, OPENAI_BASE_URL … is shown to say what is
wrong with it) and for the one-line errors of the command line. The variable-name rule in
`bot.config` (nothing named *TOKEN*, *SECRET*, *KEY* is ever shown) still applies on top.
"""

from __future__ import annotations

import re

MASK = "***"
_URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]*")
_QUERY_VALUE = re.compile(r"=[^&#;]*")


def redact_url(value: str) -> str:
    """`value` with userinfo (before the last `@` of the authority) and query values masked."""
    scheme, sep, rest = value.partition("://")
    if not sep:
        scheme, rest = "", value
    # the authority ends at the first / ? or #; a password may hold any of them, so look for '@' first
    end = len(rest)
    for mark in "/?#":
        position = rest.find(mark)
        if position != -1:
            end = min(end, position)
    if "@" in rest[:end]:
        rest = MASK + rest[rest.rfind("@", 0, end):]
    elif "@" in rest:
        # an '@' after a '/', '?' or '#': a password holding one of them, or a path; mask to be safe
        rest = MASK + rest[rest.rfind("@"):]
    path, qmark, query = rest.partition("?")
    if qmark:
        fragment = ""
        if "#" in query:
            query, fragment = query.split("#", 1)
            fragment = "#" + fragment
        rest = path + "?" + _QUERY_VALUE.sub("=" + MASK, query) + fragment
    return f"{scheme}{sep}{rest}"


def redact_text(text: str) -> str:
    """`text` with every URL in it passed through `redact_url`."""
    return _URL_IN_TEXT.sub(lambda match: redact_url(match.group(0)), text)
