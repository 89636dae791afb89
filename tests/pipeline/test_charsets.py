"""Issue 11 item 7: a page's declared charset can't crash the pipeline, and an unexpected error in
the pipeline is one permanent failure of that link — logged once, never retried.

Pages come from a local HTTP server declaring hostile charsets in the header or in <meta>; the
first tests go through the whole app over real HTTP (waitress, Bolt, the workers and their CPU
process), the last through the real workers with a summariser that breaks.
"""

from __future__ import annotations

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fakes.harness import brief_posts
from fakes.pages import article_html
from fakes.signing import message_event, post_event
from fakes.slack import FakeSlack

from bot.db import jobs as queue
from bot.jobs.workers import WorkerPool
from bot.pipeline.charsets import decode, text_codec
from bot.pipeline.fetching import Fetcher
from bot.slack.client import SlackPoster, make_web_client
from bot.summarizers import make_summarizer

HOSTILE = ["hex", "base64", "rot13", "zlib", "idna", "undefined", "punycode", "unicode_escape", "uu", "bz2"]


class CharsetPages:
    """/h/<charset>/<n>: the charset in the Content-Type header; /m/<charset>/<n>: in a <meta> tag."""

    def __init__(self):
        self.hits: dict[str, int] = {}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                outer.hits[self.path] = outer.hits.get(self.path, 0) + 1
                where, charset, number = self.path.strip("/").split("/")
                html = article_html(int(number))
                content_type = "text/html"
                if where == "h":
                    content_type += f"; charset={charset}"
                else:
                    html = html.replace('<meta charset="utf-8">', f'<meta charset="{charset}">')
                body = html.encode()
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def charset_pages():
    pages = CharsetPages()
    yield pages
    pages.close()


@pytest.mark.parametrize("charset", HOSTILE)
def test_text_codec_refuses_what_is_no_charset(charset):
    assert text_codec(charset) is None
    assert decode("café".encode(), declared=charset) == ("utf-8", "café")
    assert decode(f'<meta charset="{charset}"><p>caf\xe9</p>'.encode("cp1252"))[1].endswith("café</p>")


def test_real_charsets_still_count():
    assert text_codec("ISO-8859-1") == "iso8859-1" and text_codec("Shift_JIS") == "shift_jis"
    assert decode("café".encode("cp1252"), declared="windows-1252") == ("cp1252", "café")


@pytest.mark.parametrize("where", ["h", "m"])
def test_the_fetcher_reads_hostile_charsets_as_unknown(settings, charset_pages, where):
    with Fetcher(settings()) as fetcher:
        for number, charset in enumerate(HOSTILE):
            page = fetcher.fetch(charset_pages.url(f"/{where}/{charset}/{number}"))
            assert page.charset == "utf-8" and f"request number {number}" in page.text


def test_every_hostile_charset_gets_a_brief_in_slack_fetched_once(verdict, slack, charset_pages):
    paths = [f"/{where}/{charset}/{n}" for n, charset in enumerate(HOSTILE) for where in ("h", "m")]
    events = []
    for start in range(0, len(paths), 5):  # five links per message, the default cap
        chunk = paths[start:start + 5]
        body = message_event("CCHAR", " ".join(f"<{charset_pages.url(p)}>" for p in chunk))
        assert post_event(verdict.base_url, body)[0] == 200
        events.append((body["event"]["ts"], chunk))
    for ts, chunk in events:
        posts = brief_posts(slack, "CCHAR", ts, count=len(chunk), timeout=60)
        assert all("Couldn't brief" not in p.body["text"] for p in posts), [p.body["text"] for p in posts]
    assert all(charset_pages.hits[p] == 1 for p in paths), charset_pages.hits


class BrokenSummarizer:
    """The real heuristic summariser with a bug: any page makes it raise something no one expects."""

    name = "broken"
    cpu_bound = False

    def summarize(self, article):
        raise LookupError("unknown encoding: a bug deep in a library")


def test_an_unexpected_pipeline_error_is_one_permanent_failure_logged_once(db, settings, charset_pages, caplog):
    caplog.set_level(logging.INFO)
    with FakeSlack() as slack:
        config = settings(database_url=db.url, slack_bot_token="xoxb-x", slack_api_url=slack.api_url,
                          job_max_attempts=4)
        fetcher = Fetcher(config)
        pool = WorkerPool(config, db, summarizer=BrokenSummarizer(), fetcher=fetcher,
                          poster=SlackPoster(make_web_client(config)), cpu_processes=0)
        url = charset_pages.url("/h/utf-8/1")
        ids = queue.enqueue_links(db, team_id="T", channel_id="C1", message_ts="1.1", thread_ts="1.1",
                                  user_id="U", urls=[url])
        assert pool.drain() == 1  # one attempt, no retry scheduled
        job = queue.get_job(db, ids[0])
        assert job.state == "failed" and job.attempts == 1
        posts = slack.posts("C1")
        assert len(posts) == 1 and posts[0].body["text"].startswith("Couldn't brief")
        assert "an error on its side" in posts[0].body["text"]
        assert charset_pages.hits["/h/utf-8/1"] == 1
        tracebacks = [r for r in caplog.records if r.exc_info]
        assert len(tracebacks) == 1 and f"job {ids[0]}" in tracebacks[0].getMessage()
        fetcher.close()


def test_a_pipeline_crash_in_the_cpu_process_is_permanent_too(db, settings, charset_pages, caplog):
    # the same, with the work in the real spawned CPU process (an error raised in the child)
    caplog.set_level(logging.INFO)
    with FakeSlack() as slack:
        config = settings(database_url=db.url, slack_bot_token="xoxb-x", slack_api_url=slack.api_url)
        fetcher = Fetcher(config)
        pool = WorkerPool(config, db, summarizer=make_summarizer(config), fetcher=fetcher,
                          poster=SlackPoster(make_web_client(config)), cpu_processes=1)
        try:
            # a page that is a str subclass the child cannot handle: a TypeError inside extraction
            ids = queue.enqueue_links(db, team_id="T", channel_id="C2", message_ts="1.2", thread_ts="1.2",
                                      user_id="U", urls=[charset_pages.url("/h/utf-8/2")])
            original = fetcher.fetch

            def fetch_returning_garbage(url):
                page = original(url)
                return type(page)(url=page.url, content_type=page.content_type, charset=page.charset,
                                  text=None)  # type: ignore[arg-type]

            fetcher.fetch = fetch_returning_garbage  # type: ignore[method-assign]
            assert pool.drain() == 1
            job = queue.get_job(db, ids[0])
            assert job.state == "failed" and job.attempts == 1
            assert len(slack.posts("C2")) == 1
        finally:
            pool.stop(5)
            fetcher.close()
