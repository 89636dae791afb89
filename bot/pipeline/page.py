"""A fetched page, as the fetcher hands it on (to the pipeline, or pickled to a CPU child)."""

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
