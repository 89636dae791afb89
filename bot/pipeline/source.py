"""Link → brief: fetch (or read a file) → extract → summarise. No Slack here.

    with Fetcher(settings) as fetcher:
        brief = brief_source("https://example.org/news/1", fetcher=fetcher, summarizer=HeuristicSummarizer())

Callers catch `bot.errors.SourceError`; anything else is a bug.
"""

from __future__ import annotations

import re

from bot.models import Article, Brief
from bot.pipeline.bounds import bound_article
from bot.pipeline.extraction import extract_html, extract_plain_text, read_file
from bot.pipeline.fetching import Fetcher
from bot.summarizers import Summarizer

# "http:", "ftp:", "javascript:" … — a scheme, so the source is a link, not a path.
# Two letters at least so that Windows drive letters ("C:\\news.txt") stay paths.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")


def is_link(source: str) -> bool:
    return bool(_SCHEME.match(source))


def read_source(source: str, fetcher: Fetcher) -> Article:
    """The article behind a URL or a local .html/.htm/.txt file."""
    if not is_link(source):
        return read_file(source)
    page = fetcher.fetch(source)
    if page.content_type == "text/plain":
        return extract_plain_text(page.text, source=source)
    return extract_html(page.text, source=source, url=page.url)


def brief_source(source: str, *, fetcher: Fetcher, summarizer: Summarizer) -> Brief:
    return summarizer.summarize(bound_article(read_source(source, fetcher)))
