"""The command line as users and scripts see it: cards, JSON Lines, one-line errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.cli.summarize import render_card
from bot.models import Brief, Evidence, Status

ROOT = Path(__file__).resolve().parents[2]
SEED_TXT = ROOT / "seeds" / "000_4a877bff2c10e4a4.txt"
SEED_HTML = ROOT / "seeds" / "000_4a877bff2c10e4a4.html"


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    base_env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd or ROOT)}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=cwd or ROOT, env={**base_env, **(env or {})},
                          capture_output=True, text=True, timeout=120)


class ArticleServer:
    """Serves the seed page over real HTTP and counts connections."""

    def __init__(self):
        html = SEED_HTML.read_bytes()
        self.requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests += 1
                if self.path == "/missing":
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    self.wfile.write(b"<html><body>gone</body></html>")
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(html)))
                self.end_headers()
                self.wfile.write(html)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def url(self, path: str = "/news/seoul-declines") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def article_server():
    server = ArticleServer()
    yield server
    server.close()


def assert_seed_brief(brief: dict) -> None:
    assert "Ukraine" in brief["requester"]
    assert "Cheongung" in brief["request"]
    assert brief["status"] == "declined"
    assert "South Korea" in brief["decided_by"]
    assert "trade law" in brief["reason"] or "export" in brief["reason"]
    assert brief["summarizer"] == "heuristic"
    for field in ("requester", "request", "decision", "reason"):
        assert brief["evidence"][field], field


@pytest.mark.parametrize("seed", [SEED_TXT, SEED_HTML], ids=["txt", "html"])
def test_json_brief_of_the_sample_article(seed, tmp_path):
    result = run_cli("summarize", "--json", str(seed), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    brief = json.loads(lines[0])
    assert brief["source"] == str(seed)
    assert brief["title"] == "Seoul declines Ukrainian request for defense system sales"
    assert_seed_brief(brief)


def test_card_for_people(tmp_path):
    result = run_cli("summarize", str(SEED_HTML), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    card = result.stdout
    assert card.startswith("Seoul declines Ukrainian request for defense system sales")
    for label in ("Requester", "Request", "Decision", "Reason", "Evidence"):
        assert label in card
    assert "declined" in card and "Ukraine" in card
    assert "\033[" not in card  # no colour codes when stdout is not a terminal


def test_colour_only_on_a_terminal():
    brief = Brief(source="x", title="T", summary="S", status=Status.APPROVED, requester="R",
                  evidence=Evidence(requester="R asked."))
    assert "\033[32m" in render_card(brief, colour=True)
    assert "\033[" not in render_card(brief, colour=False)


def test_sources_keep_their_order_and_failures_do_not_stop_the_others(tmp_path):
    missing = tmp_path / "nope.txt"
    result = run_cli("summarize", "--json", str(SEED_TXT), str(missing), str(SEED_HTML), cwd=tmp_path)
    assert result.returncode == 1
    sources = [json.loads(line)["source"] for line in result.stdout.strip().splitlines()]
    assert sources == [str(SEED_TXT), str(SEED_HTML)]
    assert result.stderr.strip().splitlines() == [f"{missing}: failed: no such file"]


def test_unsupported_file_type_is_refused(tmp_path):
    pdf = tmp_path / "report.docx"
    pdf.write_bytes(b"PK\x03\x04")
    result = run_cli("summarize", str(pdf), cwd=tmp_path)
    assert result.returncode == 1
    line = result.stderr.strip()
    assert line.startswith(f"{pdf}: refused: ")
    assert "Traceback" not in result.stderr and "\n" not in line


def test_loopback_url_is_refused_without_connecting(article_server, tmp_path):
    url = article_server.url()
    result = run_cli("summarize", "--json", url, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"{url}: refused: that address is on a private network"
    assert article_server.requests == 0


def test_loopback_url_is_briefed_when_private_fetching_is_allowed(article_server, tmp_path):
    url = article_server.url()
    result = run_cli("summarize", "--json", url, env={"FETCH_ALLOW_PRIVATE": "true"}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    brief = json.loads(result.stdout)
    assert brief["source"] == url
    assert brief["site"]
    assert brief["published"] == "2024-11-28"
    assert_seed_brief(brief)


def test_http_error_is_a_failure_line(article_server, tmp_path):
    url = article_server.url("/missing")
    result = run_cli("summarize", url, env={"FETCH_ALLOW_PRIVATE": "true"}, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == f"{url}: failed: the server answered HTTP 404 (page not found)"


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("ftp://example.org/file.txt", "refused"),
        ("http://user:pw@example.org/", "refused"),
        ("http://169.254.169.254/latest/meta-data/", "refused"),
    ],
)
def test_refusals_on_the_command_line(source, kind, tmp_path):
    result = run_cli("summarize", source, env={"FETCH_ALLOW_PRIVATE": "true"}, cwd=tmp_path)
    assert result.returncode == 1
    line = result.stderr.strip()
    assert line.startswith(f"{source}: {kind}: ")
    assert "\n" not in line and "Traceback" not in result.stderr


def test_help_and_usage_errors_are_not_tracebacks(tmp_path):
    assert run_cli("--help", cwd=tmp_path).returncode == 0
    result = run_cli("summarize", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_closed_pipe_ends_quietly(tmp_path):
    # `verdict summarize … | head -1`: the reader goes away; no traceback, no "internal error" line.
    # Eighty cards are more than a pipe holds, so the writer meets the closed pipe for sure.
    base_env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "bot", "summarize", *[str(SEED_TXT)] * 80], cwd=tmp_path,
                               env=base_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # like `head -1` exiting after its line
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) != 0
    assert stderr == ""


def test_an_unreachable_database_is_one_line_naming_the_variable(tmp_path):
    # port 1 on loopback: nothing listens, the connection is refused at once
    result = run_cli("digest", "--channel", "C0123456789", "--dry-run",
                     env={"DATABASE_URL": "postgresql+psycopg://verdict:pw@127.0.0.1:1/verdict"}, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DATABASE_URL" in lines[0] and "pw" not in lines[0]
