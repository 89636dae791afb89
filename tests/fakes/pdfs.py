"""The tests' PDFs, made the way the seed PDF is made: `seeds/make_pdf.py` (fpdf2), never a binary fixture.

    from fakes.pdfs import make_pdf
    data = make_pdf.seed_pdf()                       # the seed article as a PDF (Ukraine / declined)
    make_pdf.scanned_pdf(), make_pdf.encrypted_pdf(heading, paragraphs), truncated(data)
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "seeds" / "make_pdf.py"
_spec = importlib.util.spec_from_file_location("make_pdf", _PATH)
make_pdf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_pdf)


def truncated(data: bytes) -> bytes:
    """The first half of a PDF: a download cut off in the middle."""
    return data[: len(data) // 2]
