"""HTML or plain text → `Article`: title, site, publication date and the main text only.

Usage::

    article = extract_html(page.text, source=link, url=page.url)    # a fetched web page
    article = extract_plain_text(body, source=link)                  # text/plain: first line = headline
    suffix, data = read_bytes("seeds/000_4a877bff2c10e4a4.html")    # a local file (source.read_file wraps it)

`Article.text` holds the article's paragraphs separated by "\\n", without the headline and
without navigation, "Related:" lists, comments, cookie notices or donation pleas.

Errors (all `bot.errors.SourceError`, each one line):

    SourceNotFound        "no such file" / "cannot read the file"
    UnsupportedFileType   "only .html, .htm, .txt and .pdf files are read" (a `Refused`)
    TooLarge              a file bigger than MAX_FILE_BYTES
    NoArticleText         "no article text found on the page", "the page is behind a paywall
                          or consent wall", "the page is empty" …

HTML goes through trafilatura once per page (`bare_extraction` with metadata, precision over
recall, no comments); our own plain-text pass (`clean_paragraphs`) then trims boilerplate that
survives it, and is the whole cleaning for `.txt` input. Pure functions, thread-safe.
"""

from __future__ import annotations

import codecs
import html as html_lib
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import Document

from bot.errors import NoArticleText, Refused, SourceNotFound, TooLarge, UnsupportedContent
from bot.models import Article
from bot.pipeline.charsets import decode

logger = logging.getLogger(__name__)

# trafilatura logs ERROR for every page that is not an article; that verdict is ours to report
# (NoArticleText), so keep its per-page chatter out of the logs unless someone asked for it.
_trafilatura_logger = logging.getLogger("trafilatura")
if _trafilatura_logger.level == logging.NOTSET:
    _trafilatura_logger.setLevel(logging.CRITICAL)

__all__ = [
    "HTML_SUFFIXES",
    "MAX_FILE_BYTES",
    "TEXT_SUFFIXES",
    "UnsupportedFileType",
    "clean_paragraphs",
    "extract_html",
    "extract_plain_text",
    "read_bytes",
    "extract_file",
]

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
PDF_SUFFIXES = (".pdf",)  # read by bot.pipeline.pdf
# Local files are read whole; anything this big is not a news article.
MAX_FILE_BYTES = 20_000_000

# Below this many words an HTML page's extract is navigation debris, not an article.
MIN_HTML_WORDS = 25
# A paywall teaser or consent dialog leaves at most a lede; real articles are longer.
WALL_MAX_CHARS = 700

PAYWALL_MESSAGE = "the page is behind a paywall or consent wall"


class UnsupportedFileType(UnsupportedContent):
    """A local file whose extension Verdict does not read (a `Refused`)."""

    def __init__(self, suffix: str):
        self.content_type = suffix
        # UnsupportedContent's own message talks about links; a file needs its own words.
        Refused.__init__(self, f"only .html, .htm, .txt and .pdf files are read, not {suffix or 'a file without extension'}")


# --- reading files ---------------------------------------------------------------------------


def read_bytes(path: str | Path) -> tuple[str, bytes]:
    """(suffix, bytes) of a local file Verdict reads (`.html`/`.htm`, `.txt`, `.pdf`), size-capped.

    `bot.pipeline.source.read_file` turns them into an Article.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in HTML_SUFFIXES + TEXT_SUFFIXES + PDF_SUFFIXES:
        raise UnsupportedFileType(suffix)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise SourceNotFound("no such file") from None
    except OSError:  # a directory, no permission, an I/O error
        raise SourceNotFound("cannot read the file") from None
    if len(data) > MAX_FILE_BYTES:
        raise TooLarge(MAX_FILE_BYTES)
    return suffix, data


def extract_file(data: bytes, *, suffix: str, source: str) -> Article:
    """A local `.txt` (first non-empty line is the headline) or `.html`/`.htm` file → Article."""
    if suffix in TEXT_SUFFIXES:
        if _looks_binary(data):
            raise NoArticleText("the file is not text")
        return extract_plain_text(decode(data, html=False)[1], source=source)
    return extract_html(decode(data, html=True)[1], source=source)




def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    return b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


# --- HTML ------------------------------------------------------------------------------------


def extract_html(html: str, *, source: str, url: str | None = None) -> Article:
    """A web page → Article. `url` (the final URL) helps with the site name and relative dates.

        article = extract_html(page.text, source="https://example.org/a", url=page.url)
        article.title, article.site, article.published, article.text
    """
    if not html or not html.strip():
        raise NoArticleText("the page is empty")
    try:
        # precision over recall: a brief built on a "related" list is worse than a short one. An
        # old page laid out in tables would hand over its menus and "most popular" lists as text,
        # so tables are left out; when that leaves too little of a page with tables, it is read
        # again with them, as before (one pass for most pages). A data table beside a story long
        # enough on its own is left out: the narrative is what a brief is made of
        document = _extract(html, url, precision=True, tables=False)
        title, paragraphs = _cleaned(document, html)
        if _word_count(paragraphs) < MIN_HTML_WORDS and len(html) <= TABLE_RETRY_CHARS \
                and _TABLE.search(html, 0, TABLE_SCAN) is not None:
            document = _extract(html, url, precision=True, tables=True)  # as before: tables and all
            title, paragraphs = _cleaned(document, html)
    except Exception:  # trafilatura and lxml raise many types on malformed pages
        logger.exception("trafilatura failed on %s", source)
        raise NoArticleText("the page could not be read as HTML") from None

    # bare_extraction returns a Document unless asked for a dict (as_dict=True), which we never do
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise NoArticleText(PAYWALL_MESSAGE if _wall_markup(html) else "no article text found on the page")

    paragraphs = _check_walls(paragraphs, markup_wall=lambda: _wall_markup(html))
    if _word_count(paragraphs) < MIN_HTML_WORDS:
        raise NoArticleText("no article text found on the page")

    return Article(
        source=source,
        url=url,
        title=title,
        site=_clean_line(document.sitename) or _host(url),
        published=_iso_date(document.date),
        text="\n".join(paragraphs),
    )


TABLE_SCAN = 1_000_000  # characters searched for a table layout
# a second pass (with tables) only for pages up to this size: on a page of megabytes of table cells
# it doubles the CPU spent (seconds), and a story that lives only in tables is a small page
TABLE_RETRY_CHARS = 1_000_000


def _extract(html: str, url: str | None, *, precision: bool, tables: bool):
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        favor_precision=precision,
        include_tables=tables,
    )


_TABLE = re.compile("<table", re.IGNORECASE)


def _cleaned(document, html: str) -> tuple[str | None, list[str]]:
    """The page's headline and its cleaned paragraphs (the headline dropped from them)."""
    if not isinstance(document, Document) or not document.text:
        return None, []
    site = _clean_line(_unescaped(document.sitename))
    title = _headline_of(_clean_line(_unescaped(document.title)), _raw_title(html), site, html)
    title = _without_publisher(title, site, html)
    return title, clean_paragraphs(_split_paragraphs(document.text), title=title)


def _unescaped(value: str | None) -> str | None:
    # a page may escape its <title> twice ("&amp;#8211;"), which the parser leaves as "&#8211;"
    return html_lib.unescape(value) if value and "&" in value else value


PUBLISHER_WORDS = 6  # the longest publisher's name taken off a title's end


def _without_publisher(title: str | None, site: str | None, html: str) -> str | None:
    """ "Veto ends distillers' wait – The Capitol Ledger" → the headline: the part after the last
    separator, when it is the site's name or the page's copyright line names it."""
    if not title:
        return title
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title
    last = separators[-1]
    tail, head = title[last.end() :].strip(), title[: last.start()].strip()
    if not tail or len(tail.split()) > PUBLISHER_WORDS or len(head.split()) < HEADLINE_MIN_WORDS:
        return title
    if _norm(tail) == _norm(site or "") or _publisher(html, tail):
        return head
    return title


TITLE_SCAN = 65_536  # characters of the page read for its <title>: it sits in the head
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+")
HEADLINE_MIN_WORDS = 4


def _raw_title(html: str) -> str | None:
    """The page's <title> text (found with two linear scans, not a regex that could backtrack)."""
    head = html[:TITLE_SCAN]
    lower = head.lower()
    start = lower.find("<title")
    if start < 0:
        return None
    start = lower.find(">", start)
    end = lower.find("</title", start)
    if start < 0 or end < 0:
        return None
    return _clean_line(_unescaped(head[start + 1 : end]))


def _headline_of(title: str | None, raw: str | None, site: str | None, html: str) -> str | None:
    """The headline of "Site - Headline" when the extractor took the publisher's name for the
    title ("Millcreek Valley Times" for "Millcreek Valley Times - Ice storm leaves thousands..."):
    only when that name is the site's, or the page's copyright line names it."""
    if not raw or not title or not (_norm(title) == _norm(site or "") or _publisher(html, title)):
        return title
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(raw) if p.strip()]
    rest = [p for p in parts if _norm(p) != _norm(title)]
    while len(rest) > 1 and len(rest[0].split()) <= SECTION_WORDS:
        rest = rest[1:]  # "Site | News | Headline": a section label before the headline
    headline = " - ".join(rest)
    return headline if len(headline.split()) >= HEADLINE_MIN_WORDS else title


SECTION_WORDS = 2
_COPYRIGHT_BEFORE = r"(?:©|&copy;|&#169;|copyright)[^<]{0,60}?"


def _publisher(html: str, name: str) -> bool:
    """The page's copyright line names `name`: the publisher, not a headline."""
    return re.search(_COPYRIGHT_BEFORE + re.escape(name), html, re.IGNORECASE) is not None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return host or None


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: str | None) -> str | None:
    match = _ISO_DATE.match(value or "")
    return match.group(0) if match else None


# --- plain text ------------------------------------------------------------------------------


def extract_plain_text(text: str, *, source: str) -> Article:
    """Plain text → Article: the first non-empty line is the headline, the rest the body.

        extract_plain_text("Court rejects appeal\\n\\nThe court ruled...", source="a.txt").title
        # 'Court rejects appeal'
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff").split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise NoArticleText("the text is empty")
    # a Markdown "# Headline" is still the headline
    title = _clean_line(lines[start].strip().lstrip("#").strip())
    paragraphs = clean_paragraphs(_unwrap(lines[start + 1 :]), title=title)
    paragraphs = _check_walls(paragraphs, markup_wall=lambda: False)
    if not paragraphs:
        raise NoArticleText("no article text after the headline")
    return Article(source=source, title=title, text="\n".join(paragraphs))


_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", ")", "…")
_BULLET = re.compile(r"^\s*(?:[-*•·▪►–—]|\d{1,2}[.)])\s+")


def _unwrap(lines: list[str]) -> list[str]:
    """Blank-line separated blocks → paragraphs; a block hard-wrapped at a fixed width is rejoined.

    A block counts as hard-wrapped only when every line but its last has a similar, prose-like
    width, none is a list item and most stop mid-sentence: one-line paragraphs stay as they are.
    """
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in blocks:
        body = block[:-1]
        wrapped = (
            len(block) >= 2
            and all(40 <= len(line) <= 100 for line in body)
            and max(map(len, body)) - min(map(len, body)) <= 25
            and not any(_BULLET.match(line) for line in block)
            # a wrap falls mid-sentence far more often than at a full stop
            and 2 * sum(not line.endswith(_TERMINAL) for line in body) >= len(body)
        )
        paragraphs.extend([" ".join(block)] if wrapped else block)
    return paragraphs


# --- cleaning shared by both -----------------------------------------------------------------


def _split_paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _clean_line(value: str | None) -> str | None:
    cleaned = " ".join((value or "").split())
    return cleaned or None


def _norm(value: str) -> str:
    return " ".join(value.casefold().split()).rstrip(" .:!?")


_FLAGS = re.IGNORECASE

# Lines that are page furniture wherever they stand (whole-line matches only).
_FURNITURE = re.compile(
    r"(?:advertisement|advert|sponsored|skip to (?:main )?content|share this (?:article|story)"
    r"|story continues below(?: advertisement)?|continue reading below|scroll to continue"
    r"|(?:image|photo) (?:source|credit)s?:?.{0,60})",
    _FLAGS,
)
# A link line slipped into the body: "Read more: Another headline".
_INLINE_LINK = re.compile(
    r"^(?:read (?:more|also|next)|also read|related|see also|more on this|recommended|most read)\s*[:|–—-]\s*\S", _FLAGS
)
# The heading of a trailing list of other stories.
_RELATED_HEADING = re.compile(
    r"(?:related(?: \w+)?|read (?:more|also|next)|also read|see also|further reading|in other news"
    r"|more(?: \w+){0,2} (?:news|stories|coverage|articles|reading)|more (?:on|from|in|about)(?: \w+){1,3}"
    r"|more like this|you (?:may|might) (?:also )?(?:like|enjoy|be interested in|have missed)"
    r"|recommended(?: for you| reading| stories| articles)?|(?:top|latest|popular|trending) (?:stories|news|now)"
    r"|most (?:read|popular|viewed|shared)|trending|what to read next|editor'?s picks)",
    _FLAGS,
)
# Appeals to the reader for money or sign-ups; only trimmed at the end of the text.
_PLEA = re.compile(
    r"\b(?:support|fund|back|help)\s+(?:(?-i:us)\b|our (?:work|journalism|reporting|newsroom|mission|team))"
    r"|\breaders like you\b|\bbecome an? (?:patron|member|supporter|subscriber|donor|co-creator)\b"
    r"|\b(?:make|give) (?:a|your) (?:donation|contribution|gift)\b|\bdonate (?:now|today|here)\b"
    r"|\bplease consider (?:supporting|donating|subscribing|a donation)\b|\bpatreon\b"
    r"|\bsubscribe (?:now|today|to (?:our|the) (?:newsletter|channel|podcast))\b"
    r"|\bsign up (?:for|to) our\b|\bjoin our (?:community|membership|mailing list)\b"
    r"|\b(?:our|this) (?:journalism|reporting|work|newsroom) (?:depends|relies|is funded|is made possible)\b"
    r"|\bwe (?:need|rely on|depend on) (?:your|readers)\b|\bcup of coffee\b.*\byou\b",
    _FLAGS,
)
# Paywall and consent-wall wording.
_WALL = re.compile(
    r"\b(?:subscribe|sign in|log in|login|register|create (?:a free |an )?account)\b[^.]{0,40}"
    r"\bto (?:continue|keep) reading\b|\bto continue reading\b|\bsubscribe to (?:read|continue|unlock|access)\b"
    r"|\b(?:sign in|log in|subscribe|register) to (?:read|access|view|unlock) (?:this|the full|the rest)\b"
    r"|\bthis (?:article|story|content) is (?:only )?(?:available|reserved|exclusive) (?:to|for) (?:subscribers|members|premium)"
    r"|\balready (?:a subscriber|have an account)\b|\bsubscribers? only\b|\bfree articles? (?:left|remaining)\b"
    r"|\byou(?:'ve| have) (?:reached|read) (?:your|the) (?:limit|maximum|\d+ free)"
    r"|\bunlock (?:this|the full) (?:article|story)\b|\bstart your free trial\b"
    r"|\bcookie consent\b|\baccept (?:all )?cookies\b|\b(?:reject|decline|refuse) (?:all )?(?:cookies|non-essential)"
    r"|\bmanage (?:your )?(?:cookie |privacy )?(?:preferences|settings|choices|options)\b|\bwe value your privacy\b"
    r"|\bwe and our (?:\d+ )?(?:partners|vendors)\b|\b(?:store|access) (?:and/or access )?information on (?:a|your) device\b"
    r"|\bconsent to (?:the use of |our use of )?cookies\b|\bcookie (?:policy|settings|preferences|notice)\b"
    r"|\bwe use cookies\b|\bthis (?:site|website) uses cookies\b",
    _FLAGS,
)
_SOCIAL = re.compile(r"\b(?:follow (?:him|her|them|us|me) on|is on (?:twitter|x|instagram|bluesky|threads|facebook))\b", _FLAGS)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", _FLAGS)
_REPORTED_SPEECH = re.compile(r"\b(?:said|says|told|according to)\b", _FLAGS)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[A-Z\"“‘(]")


def clean_paragraphs(paragraphs: list[str], *, title: str | None = None) -> list[str]:
    """Trim what is not the article from a list of paragraphs (plain text, any source).

    Drops the headline repeated as first paragraph, page furniture lines ("Advertisement"),
    "Read more: …" link lines, and at the end: "Related:"-style headings with their list,
    donation and subscription pleas, social-media and copyright lines. Ordinary paragraphs in
    the middle of an article are never dropped.

        clean_paragraphs(["Body.", "Related:", "- Other story"])  # ['Body.']
    """
    kept = []
    for paragraph in paragraphs:
        paragraph = " ".join(paragraph.replace("\xa0", " ").split())
        if not paragraph or _FURNITURE.fullmatch(paragraph):
            continue
        if _INLINE_LINK.match(paragraph) and len(paragraph) <= 200 and not _SENTENCE_BREAK.search(paragraph):
            continue
        kept.append(paragraph)
    if title and kept and _norm(kept[0]) == _norm(title):
        kept.pop(0)
    return _trim_tail(kept)


def _trim_tail(paragraphs: list[str]) -> list[str]:
    paragraphs = list(paragraphs)
    while len(paragraphs) > 1:
        last = paragraphs[-1]
        if _is_tail_boilerplate(last):
            paragraphs.pop()
            continue
        cut = _related_block_start(paragraphs)
        if cut is None:
            break
        del paragraphs[cut:]
    return paragraphs


def _is_tail_boilerplate(paragraph: str) -> bool:
    if len(paragraph) <= 80 and paragraph.endswith(":"):
        return True  # a heading whose list was removed ("More games news:")
    if _REPORTED_SPEECH.search(paragraph) and re.search(r"[\"“”]", paragraph):
        return False  # a quoted appeal is part of the story
    if _PLEA.search(paragraph) or (len(paragraph) <= 400 and _WALL.search(paragraph)):
        return True
    return len(paragraph) <= 200 and bool(_SOCIAL.search(paragraph) or _COPYRIGHT.search(paragraph))


def _related_block_start(paragraphs: list[str]) -> int | None:
    """Index of a "Related:"-style heading followed only by short, list-like lines; else None."""
    for index in range(len(paragraphs) - 1, 0, -1):
        line = paragraphs[index]
        if _RELATED_HEADING.fullmatch(_BULLET.sub("", line).strip(" #*:")):
            return index
        if not _is_list_item(line):
            return None
    return None


def _is_list_item(line: str) -> bool:
    return bool(_BULLET.match(line)) or (len(line) <= 200 and len(_SENTENCE_BREAK.findall(line)) <= 1)


# --- walls -----------------------------------------------------------------------------------

_WALL_MARKUP = re.compile(
    r"""(?:class|id)\s*=\s*["'][^"']*(?:paywall|pay-wall|regwall|reg-wall|metered-?wall|subscriber-only"""
    r"""|premium-(?:content|article|wall)|consent-?wall|cookie-?wall|cmp-(?:container|wrapper|banner|dialog)"""
    r"""|qc-cmp|onetrust|didomi|sp_message|fc-consent|truste|tp-modal|piano-(?:paywall|offer))"""
    r"""|"isAccessibleForFree"\s*:\s*"?false""",
    _FLAGS,
)


def _wall_markup(html: str) -> bool:
    return bool(_WALL_MARKUP.search(html))


def _check_walls(paragraphs: list[str], *, markup_wall) -> list[str]:
    """Raise NoArticleText when what is left besides wall wording is only a teaser."""
    wall = [p for p in paragraphs if _WALL.search(p)]
    rest = [p for p in paragraphs if not _WALL.search(p)]
    if sum(map(len, rest)) < WALL_MAX_CHARS and (wall or markup_wall()):
        raise NoArticleText(PAYWALL_MESSAGE)
    # wall wording at the start of a real article is a leftover banner
    while paragraphs and len(paragraphs[0]) <= 400 and _WALL.search(paragraphs[0]):
        paragraphs = paragraphs[1:]
    return paragraphs


def _word_count(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)
