"""A fetched page, as the fetcher hands it over and the workers' CPU process reads it.

    Page(url="https://example.org/a", content_type="text/html", charset="utf-8", text="<html>…")

Its own small module (no httpx, no settings): the CPU process unpickles pages, and importing the
class must not load the fetcher's HTTP stack there (bot.jobs.cpu).
"""

from __future__ import annotations

from dataclasses import dataclass

PDF_TYPE = "application/pdf"  # read as bytes; bot.pipeline.pdf extracts the text


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # final URL after redirects
    content_type: str  # main type, lowercase: one of PAGE_TYPES
    charset: str  # Python codec name the text was decoded with
    text: str
    body: bytes | None = None  # the bytes of a PDF (content_type PDF_TYPE); None for pages
