"""Make the seed PDF, and the PDFs the tests and benchmarks read, with fpdf2 (a dev dependency).

    python seeds/make_pdf.py            # writes seeds/000_4a877bff2c10e4a4.pdf from the seed article

    from make_pdf import text_pdf, scanned_pdf, encrypted_pdf, seed_article
    data = text_pdf("Headline", ["First paragraph.", "Second."], title="Headline")   # bytes
    data = text_pdf("Headline", paragraphs, title=None)    # no metadata title: the first line is the heading
    data = scanned_pdf()                                  # one page that is only an image (no text layer)
    data = encrypted_pdf("Headline", paragraphs)          # needs a user password to open

Everything is built from text in this repository, so the files are reproducible and no binary
fixture comes from elsewhere. fpdf2's core fonts are Latin-1: typographic quotes and dashes are
written as their ASCII look-alikes.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED_HTML = HERE / "000_4a877bff2c10e4a4.html"
SEED_PDF = HERE / "000_4a877bff2c10e4a4.pdf"

_ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "\xa0": " "})
# a fixed creation date: the same input gives the same bytes
_CREATED = "2024-11-28T09:00:00+00:00"


def _latin1(text: str) -> str:
    return text.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")


def _document(title: str | None, *, author: str | None = None):
    from datetime import datetime

    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime.fromisoformat(_CREATED))
    pdf.set_creator("Verdict seeds/make_pdf.py")
    if title:
        pdf.set_title(_latin1(title))
    if author:
        pdf.set_author(_latin1(author))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    return pdf


def _write(pdf, heading: str, paragraphs: list[str]) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, _latin1(heading))
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 5.5, _latin1(paragraph))
        pdf.ln(3)


def text_pdf(heading: str, paragraphs: list[str], *, title: str | None = "", author: str | None = None,
             pages: int = 1) -> bytes:
    """A PDF with a text layer: the heading, then the paragraphs (repeated on `pages` pages).

    `title` is the metadata title ("" = the heading, None = no metadata title)."""
    pdf = _document(heading if title == "" else title, author=author)
    for _ in range(pages):
        _write(pdf, heading, paragraphs)
    return bytes(pdf.output())


def scanned_pdf(pages: int = 1) -> bytes:
    """A 'scan': pages that carry only an image of text, no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 300), 255)
    draw = ImageDraw.Draw(image)
    for row in range(8):
        draw.text((20, 20 + row * 32), "Council rejects the request of the harbour board", fill=0)
    pdf = _document("Scanned minutes")
    for _ in range(pages):
        pdf.add_page()
        pdf.image(image, x=20, y=20, w=170)
    return bytes(pdf.output())


def encrypted_pdf(heading: str, paragraphs: list[str], *, user_password: str = "secret") -> bytes:
    """A PDF that opens only with a password (RC4, which every reader decrypts without extras)."""
    pdf = _document(heading)
    pdf.set_encryption(owner_password="owner-" + user_password, user_password=user_password)
    _write(pdf, heading, paragraphs)
    return bytes(pdf.output())


def seed_article() -> tuple[str, list[str]]:
    """(headline, paragraphs) of the seed article, as Verdict extracts them from the seed HTML."""
    sys.path.insert(0, str(HERE.parent))
    from bot.pipeline.source import read_file  # the repo on sys.path first (just above)

    article = read_file(SEED_HTML)
    return article.title or "", article.text.split("\n")


def seed_pdf() -> bytes:
    heading, paragraphs = seed_article()
    return text_pdf(heading, paragraphs, author="Eastern Europe Monitor")


def main() -> int:
    SEED_PDF.write_bytes(seed_pdf())
    print(f"wrote {SEED_PDF.relative_to(HERE.parent)} ({SEED_PDF.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
