"""PDF text extraction: pypdf (what Verdict uses) against pdfminer.six, on the same generated PDFs.

    python bench/bench_pdf.py              # ms per page (median of repeats) and text quality
    python bench/bench_pdf.py --repeat 3

Needs the dev extras (fpdf2 writes the PDFs) and `pip install pdfminer.six` for the comparison.
The PDFs are made by seeds/make_pdf.py from the seed article (1 page, and the same text on 10 and
30 pages). Quality: the share of the source's words recovered in order (difflib over word
lists, 1.0 = all), and how many of its paragraphs come out as separate blocks.
"""

from __future__ import annotations

import argparse
import difflib
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "seeds")]

from make_pdf import _latin1, seed_article, text_pdf  # noqa: E402


def with_pypdf(data: bytes) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [page.extract_text(extraction_mode="layout") for page in reader.pages]


def with_pdfminer(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    text = extract_text(io.BytesIO(data))
    return text.split("\f")


def quality(pages: list[str], paragraphs: list[str], copies: int) -> tuple[float, int]:
    want = " ".join(_latin1(p) for p in paragraphs).split() * copies
    got = " ".join(pages).split()
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    recovered = sum(block.size for block in matcher.get_matching_blocks()) / len(want)
    blocks = sum(1 for page in pages for block in page.split("\n\n") if block.strip())
    return recovered, blocks


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    heading, paragraphs = seed_article()
    print(f"{'pdf':>10} {'library':>12} {'ms/page':>9} {'words kept':>11} {'blocks':>7} (paragraphs: {len(paragraphs) + 1})")
    for pages in (1, 10, 30):
        data = text_pdf(heading, paragraphs, pages=pages)
        for name, extract in (("pypdf", with_pypdf), ("pdfminer.six", with_pdfminer)):
            try:
                extract(data)  # warm-up (imports)
            except ImportError:
                print(f"{pages:>5} page {name:>12}   not installed")
                continue
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                out = extract(data)
                times.append((time.perf_counter() - started) * 1000 / pages)
            kept, blocks = quality(out, paragraphs, pages)
            print(f"{pages:>5} page {name:>12} {statistics.median(times):>9.2f} {kept:>11.3f} {blocks / pages:>7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
