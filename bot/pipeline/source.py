"""Link → brief: fetch (or read a file) → extract → summarise. No Slack here.

    with Fetcher(settings) as fetcher:
        brief = brief_source("https://example.org/news/1", fetcher=fetcher, summarizer=HeuristicSummarizer())

Callers catch `bot.errors.SourceError`; anything else is a bug.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from bot.models import Article, Brief
from bot.pipeline.bounds import bound_article
from bot.pipeline.extraction import PDF_SUFFIXES, extract_file, extract_html, extract_plain_text, read_bytes
from bot.pipeline.pages import PDF_TYPE, Page
from bot.pipeline.pdf import extract_pdf

if TYPE_CHECKING:  # not at run time: the CPU process reads pages without the fetcher's HTTP stack
    from bot.pipeline.fetching import Fetcher
    from bot.summarizers import Summarizer

# "http:", "ftp:", "javascript:" … — a scheme, so the source is a link, not a path.
# Two letters at least so that Windows drive letters ("C:\\news.txt") stay paths.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")


def is_link(source: str) -> bool:
    return bool(_SCHEME.match(source))


class PageSource(Protocol):
    """What reading a link needs: `Fetcher`, or a page fetched earlier (the workers' CPU children)."""

    def fetch(self, url: str) -> Page: ...


def read_source(source: str, fetcher: PageSource) -> Article:
    """The article behind a URL or a local .html/.htm/.txt/.pdf file."""
    if not is_link(source):
        return read_file(source)
    page = fetcher.fetch(source)
    if page.content_type == PDF_TYPE:
        return extract_pdf(page.body or b"", source=source, url=page.url)
    if page.content_type == "text/plain":
        return extract_plain_text(page.text, source=source)
    return extract_html(page.text, source=source, url=page.url)


def read_file(path: str | Path) -> Article:
    """A local `.html`/`.htm`, `.txt` or `.pdf` file → Article; `Article.source` is the path as given.

        read_file("story.txt")     # first non-empty line is the headline
        read_file("page.html")     # trafilatura, as for a fetched page
        read_file("ruling.pdf")    # pypdf, as for a fetched PDF
    """
    suffix, data = read_bytes(path)
    if suffix in PDF_SUFFIXES:
        return extract_pdf(data, source=str(path))
    return extract_file(data, suffix=suffix, source=str(path))


def brief_source(source: str, *, fetcher: Fetcher, summarizer: Summarizer) -> Brief:
    return summarizer.summarize(bound_article(read_source(source, fetcher)))
