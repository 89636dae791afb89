"""Which declared charsets are read as such: text encodings only.

    text_codec("ISO-8859-1")   # 'iso8859-1'
    text_codec("base64")       # None: a bytes-to-bytes transform, not a charset
    text_codec("idna")         # None: a hostname codec (raises on ordinary text)

A page's `Content-Type: …; charset=` or `<meta charset>` is outside text. Python's codec registry
also holds transforms (hex, base64, rot13, zlib, uu, bz2, quopri) and codecs that are no charset
of any page (idna and punycode for host names, undefined, unicode-escape, which interprets
backslashes): a label naming one of them is treated as unknown, and the caller falls back as it
does for any unknown label.
"""

from __future__ import annotations

import codecs

_NOT_CHARSETS = frozenset({"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape",
                           "unicode-internal"})


def text_codec(label: str | None) -> str | None:
    """Python's canonical name of the text encoding `label` names, or None (unknown or not a charset)."""
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name
