"""Bytes of a page or file → text: the one decoder, and which declared charsets are read as such.

    decode(body, declared="windows-1252")        # ('cp1252', 'café …'): a fetched page, header charset
    decode(data, html=True)                      # a local .html file: BOM, <meta charset>, UTF-8, cp1252
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
import re

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


_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.IGNORECASE)
_META_SCAN_BYTES = 4096  # where <meta charset> is looked for (browsers look at 1024; pages are sloppier)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF16_LE, "utf-16-le"))
# Labels browsers read as a superset: "latin-1" pages are windows-1252 in practice.
_SUPERSETS = {"iso8859-1": "cp1252", "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030"}


def decode(body: bytes, *, declared: str | None = None, html: bool = True) -> tuple[str, str]:
    """(codec, text): a byte-order mark, else the declared charset (a header's), else (HTML) a
    <meta> charset in the first bytes, else UTF-8, falling back to cp1252 and finally latin-1."""
    for bom, bom_codec in _BOMS:
        if body.startswith(bom):
            return bom_codec, body[len(bom):].decode(bom_codec, "replace")
    codec = _codec(declared)
    if codec is None and html:
        found = _META_CHARSET.search(body[:_META_SCAN_BYTES])
        codec = _codec(found.group(1).decode("ascii")) if found else None
        if codec and codec.startswith(("utf-16", "utf-32")):
            codec = "utf-8"  # the page was readable as ASCII to find the tag: not really UTF-16
    if codec is not None:
        try:
            return codec, body.decode(codec, "replace")
        except (LookupError, UnicodeError, ValueError):  # a codec that refuses even with "replace"
            pass
    for fallback in ("utf-8", "cp1252"):
        try:
            return fallback, body.decode(fallback)
        except UnicodeDecodeError:
            continue
    return "iso8859-1", body.decode("iso8859-1")


def _codec(label: str | None) -> str | None:
    name = text_codec(label)  # text encodings only: "base64", "idna", "rot13" … are unknown labels
    return _SUPERSETS.get(name, name) if name is not None else None
