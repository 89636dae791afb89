"""PDF documents: extraction (bot.pipeline.pdf), fetching them, the command line, and Slack end to end.

Every PDF here is written by seeds/make_pdf.py (fpdf2) from text in this repository.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fakes.harness import brief_posts
from fakes.pdfs import make_pdf, truncated
from fakes.signing import message_event, post_event

from bot.errors import BrokenPDF, EncryptedPDF, NoArticleText, ScannedPDF, UnsupportedContent
from bot.pipeline.fetching import Fetcher
from bot.pipeline.pdf import MAX_PAGES, extract_pdf
from bot.pipeline.source import brief_source, read_file
from bot.summarizers.heuristic import HeuristicSummarizer

ROOT = Path(__file__).resolve().parents[2]
SEED_PDF = ROOT / "seeds" / "000_4a877bff2c10e4a4.pdf"
HEADING, PARAGRAPHS = make_pdf.seed_article()


# --- extraction --------------------------------------------------------------------------------


def test_the_seed_pdf_in_the_repo_is_what_the_script_makes():
    assert SEED_PDF.read_bytes() == make_pdf.seed_pdf()


def test_the_seed_pdf_reads_as_the_seed_article():
    article = extract_pdf(make_pdf.seed_pdf(), source="seed.pdf")
    assert article.title == "Seoul declines Ukrainian request for defense system sales"
    assert article.published == "2024-11-28"
    # the same paragraphs as the HTML page, wrapped lines joined again
    assert article.text.split("\n") == [make_pdf._latin1(p) for p in PARAGRAPHS]


def test_without_a_metadata_title_the_first_heading_line_is_the_title():
    data = make_pdf.text_pdf("Harbour board's dredging request refused", PARAGRAPHS, title=None)
    article = extract_pdf(data, source="x.pdf")
    assert article.title == "Harbour board's dredging request refused"
    assert not article.text.startswith("Harbour board")


def test_a_file_name_as_metadata_title_is_not_the_title():
    data = make_pdf.text_pdf("Council minutes", PARAGRAPHS, title="Microsoft Word - minutes_final.docx")
    assert extract_pdf(data, source="x.pdf").title == "Council minutes"


def test_the_seed_pdf_is_briefed_as_declined():
    brief = HeuristicSummarizer().summarize(read_file(SEED_PDF))
    assert brief.requester == "Ukraine" and brief.status == "declined"


@pytest.mark.parametrize(("data", "error", "line"), [
    (make_pdf.scanned_pdf(), ScannedPDF, "this PDF has no text layer (a scan) — Verdict can't read it"),
    (make_pdf.encrypted_pdf(HEADING, PARAGRAPHS), EncryptedPDF, "this PDF is password-protected — Verdict can't read it"),
    (truncated(make_pdf.seed_pdf()), BrokenPDF, "this PDF is incomplete (the file is cut off) — Verdict can't read it"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n", BrokenPDF, "this PDF is damaged — Verdict can't read it"),
    (b"<html>not a pdf</html>", BrokenPDF, "this is not a PDF file"),
], ids=["scanned", "encrypted", "truncated", "garbage", "not-a-pdf"])
def test_unreadable_pdfs_get_one_line_each(data, error, line):
    with pytest.raises(error) as caught:
        extract_pdf(data, source="x.pdf")
    assert str(caught.value) == line and caught.value.kind == "failed"


def test_a_pdf_with_only_an_owner_password_is_read():
    # restrictions on printing/copying only: readers open it without asking, so does Verdict
    data = make_pdf.encrypted_pdf(HEADING, PARAGRAPHS, user_password="")
    assert extract_pdf(data, source="x.pdf").title == HEADING


def test_a_pdf_with_almost_no_text_is_no_article():
    with pytest.raises(NoArticleText):
        extract_pdf(make_pdf.text_pdf("Agenda", ["Item one."]), source="x.pdf")


def test_pages_and_text_are_capped():
    long = make_pdf.text_pdf(HEADING, ["Page marker: a paragraph long enough not to be a running head, with a request and a decision."] * 3,
                             pages=MAX_PAGES + 5)
    article = extract_pdf(long, source="x.pdf")
    assert article.text.count("Page marker") == 3 * MAX_PAGES
    capped = extract_pdf(long, source="x.pdf", max_chars=2000)
    assert len(capped.text) <= 2000


# --- fetching and the command line -------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["application/pdf", "application/octet-stream", None])
def test_a_pdf_link_is_fetched_and_briefed(settings, pages, content_type):
    pages.extra["/ruling"] = (content_type or "", make_pdf.seed_pdf())
    with Fetcher(settings()) as fetcher:
        page = fetcher.fetch(pages.url("/ruling"))
        assert page.content_type == "application/pdf" and page.body == make_pdf.seed_pdf()
        brief = brief_source(pages.url("/ruling"), fetcher=fetcher, summarizer=HeuristicSummarizer())
    assert brief.requester == "Ukraine" and brief.status == "declined" and brief.site == "127.0.0.1"


def test_a_download_that_is_not_a_pdf_is_still_refused(settings, pages):
    pages.extra["/blob"] = ("application/octet-stream", b"PK\x03\x04" + bytes(2000))
    with Fetcher(settings()) as fetcher, pytest.raises(UnsupportedContent):
        fetcher.fetch(pages.url("/blob"))


def test_a_pdf_over_the_byte_cap_is_refused(settings, pages):
    pages.extra["/big.pdf"] = ("application/pdf", make_pdf.text_pdf(HEADING, PARAGRAPHS, pages=20))
    with Fetcher(settings(fetch_max_bytes=5000)) as fetcher, pytest.raises(Exception) as caught:
        fetcher.fetch(pages.url("/big.pdf"))
    assert caught.value.kind == "refused" and "larger than" in str(caught.value)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)})


def test_the_command_line_briefs_a_local_pdf(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf.scanned_pdf())
    result = _cli("summarize", str(SEED_PDF), str(scan), "--json", cwd=tmp_path)
    assert result.returncode == 1
    brief = json.loads(result.stdout.strip().splitlines()[0])
    assert brief["source"] == str(SEED_PDF) and brief["requester"] == "Ukraine" and brief["status"] == "declined"
    assert result.stderr.strip() == f"{scan}: failed: this PDF has no text layer (a scan) — Verdict can't read it"


# --- Slack, end to end (signed HTTP → Bolt → workers → the fake Slack) ---------------------------


def test_pdfs_shared_in_slack(verdict, slack, pages):
    pages.extra["/ruling.pdf"] = ("application/pdf", make_pdf.seed_pdf())
    pages.extra["/scan.pdf"] = ("application/pdf", make_pdf.scanned_pdf())
    pages.extra["/locked.pdf"] = ("application/pdf", make_pdf.encrypted_pdf(HEADING, PARAGRAPHS))
    pages.extra["/cut.pdf"] = ("application/pdf", truncated(make_pdf.seed_pdf()))
    paths = ["/ruling.pdf", "/scan.pdf", "/locked.pdf", "/cut.pdf"]
    body = message_event("CPDF", " ".join(f"<{pages.url(p)}>" for p in paths))
    ts = body["event"]["ts"]
    assert post_event(verdict.base_url, body)[0] == 200

    posts = brief_posts(slack, "CPDF", ts, count=4, timeout=30)
    failures = sorted(c.body["text"] for c in posts if c.body["text"].startswith("Couldn't brief"))
    [brief] = [c.body for c in posts if not c.body["text"].startswith("Couldn't brief")]
    assert "Ukraine" in brief["text"] and "declined" in brief["text"]
    assert "Seoul declines Ukrainian request" in json.dumps(brief["blocks"])
    expected = {"/scan.pdf": "this PDF has no text layer (a scan) — Verdict can't read it",
                "/locked.pdf": "this PDF is password-protected — Verdict can't read it",
                "/cut.pdf": "this PDF is incomplete (the file is cut off) — Verdict can't read it"}
    assert failures == sorted(f"Couldn't brief {pages.url(path)}: {line}." for path, line in expected.items())
